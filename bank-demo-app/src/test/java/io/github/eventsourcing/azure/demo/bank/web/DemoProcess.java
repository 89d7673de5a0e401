package io.github.eventsourcing.azure.demo.bank.web;

import io.github.eventsourcing.azure.demo.bank.BankDemoApplication;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The bank demo in a JVM of its own, started from this test's class path, whose output the test reads; it can be
 * killed with SIGKILL (as a crash), or stopped and continued (SIGSTOP / SIGCONT, as a long pause of the whole process).
 */
final class DemoProcess implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    final int port;

    private DemoProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "demo-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the demo on a free port with the given {@code --name=value} arguments and waits until it serves. */
    static DemoProcess start(String connectionString, String... arguments) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                BankDemoApplication.class.getName(), "--server.port=" + port,
                "--eventsourcing.connections.default.connection-string=" + connectionString,
                "--bank.interest.nightly-cron=-", "--eventsourcing.commands.claim-duration=5s",
                "--eventsourcing.commands.resume-interval=1s"));
        command.addAll(List.of(arguments));
        try {
            DemoProcess demo = new DemoProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), port);
            demo.awaitLine(line -> line.contains("Started BankDemoApplication"), Duration.ofSeconds(90));
            return demo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for an output line, and returns it. */
    String awaitLine(Predicate<String> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                if (matching.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The demo process ended:\n" + String.join("\n", lines));
            }
            sleep(50);
        }
        throw new IllegalStateException("No such line within " + timeout + "; the output:\n"
                + String.join("\n", lines));
    }

    boolean printed(Predicate<String> matching) {
        return lines.stream().anyMatch(matching);
    }

    /** SIGKILL: the process ends at once, in whatever it was doing. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGSTOP: every thread of the process stops (its claim renewals too), as in a very long pause. */
    void suspend() {
        signal("STOP");
    }

    /** SIGCONT: the process goes on where it stopped. */
    void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            resume();
            kill();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
