package io.github.eventsourcing.azure.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Azurite (the Azure Storage emulator) per test JVM, started on free loopback ports with in-memory persistence.
 * It runs the Azurite npm package installed in the directory the {@code azurite.dir} system property names (one with
 * a {@code package.json} that depends on {@code azurite}; this project's is {@code tools/azurite}, found upwards from
 * the working directory when the property is not set), installing it with {@code npm ci} when missing, and stops only
 * the process it started, when the JVM exits.
 */
public final class Azurite {

    public static final String ACCOUNT = "devstoreaccount1";
    /** The public, well-known key of the storage emulator. */
    public static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static Azurite instance;

    private final Process process;
    private final int blobPort;
    private final int tablePort;

    private Azurite(Process process, int blobPort, int tablePort) {
        this.process = process;
        this.blobPort = blobPort;
        this.tablePort = tablePort;
    }

    /** The Azurite of this JVM, started on first use. */
    public static synchronized Azurite get() {
        if (instance == null || !instance.process.isAlive()) {
            instance = start(null);
            Azurite started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "azurite-stop"));
        }
        return instance;
    }

    /**
     * Starts a separate Azurite; with a {@code location} it persists there (so data survives a restart of the
     * emulator), otherwise in memory. The caller stops it.
     */
    public static Azurite start(Path location) {
        Path home = installDir();
        Path executable = home.resolve("node_modules/.bin/azurite");
        if (!Files.isExecutable(executable)) {
            install(home);
        }
        int[] ports = freePorts(3);
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--disableTelemetry", "--skipApiVersionCheck",
                "--blobHost", "127.0.0.1", "--blobPort", String.valueOf(ports[0]),
                "--queueHost", "127.0.0.1", "--queuePort", String.valueOf(ports[1]),
                "--tableHost", "127.0.0.1", "--tablePort", String.valueOf(ports[2])));
        if (location == null) {
            command.add("--inMemoryPersistence");
        } else {
            command.add("--location");
            command.add(location.toString());
        }
        try {
            Path log = Files.createTempFile("azurite-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Azurite azurite = new Azurite(process, ports[0], ports[2]);
            azurite.awaitPort(ports[0], log);
            azurite.awaitPort(ports[2], log);
            return azurite;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start Azurite from " + executable, e);
        }
    }

    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
                + ";BlobEndpoint=" + blobEndpoint() + ";TableEndpoint=" + tableEndpoint() + ";";
    }

    public int blobPort() {
        return blobPort;
    }

    public int tablePort() {
        return tablePort;
    }

    public String blobEndpoint() {
        return "http://127.0.0.1:" + blobPort + "/" + ACCOUNT;
    }

    public String tableEndpoint() {
        return "http://127.0.0.1:" + tablePort + "/" + ACCOUNT;
    }

    public void stop() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitPort(int port, Path log) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Azurite exited at start-up: " + readQuietly(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        stop();
        throw new IllegalStateException("Azurite did not open port " + port + " within 60 s: " + readQuietly(log));
    }

    /** tools/azurite of this repository: from the {@code azurite.dir} system property, or found upwards from here. */
    static Path installDir() {
        String configured = System.getProperty("azurite.dir");
        if (configured != null && Files.isRegularFile(Paths.get(configured, "package.json"))) {
            return Paths.get(configured);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("tools/azurite");
            if (Files.isRegularFile(candidate.resolve("package.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("Cannot find tools/azurite/package.json: set -Dazurite.dir to a directory whose package.json depends on azurite");
    }

    private static synchronized void install(Path home) {
        if (Files.isExecutable(home.resolve("node_modules/.bin/azurite"))) {
            return;
        }
        try {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("'npm ci' in " + home + " failed; install Node.js 20+ and npm");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run npm to install Azurite into " + home + ": install Node.js 20+", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new IllegalStateException("No free loopback port", e);
        } finally {
            sockets.forEach(socket -> {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is free again either way
                }
            });
        }
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
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
