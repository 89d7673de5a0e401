package io.github.eventsourcing.azure.test.eventgrid;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A local stand-in for an Event Grid topic endpoint: a JDK HTTP(S) server on 127.0.0.1 that records every request
 * and answers with a status the test chooses. It can also go away (unreachable) and come back on the same port.
 */
public final class EventGridStub implements AutoCloseable {

    /** One request as the server saw it. */
    public record Request(String method, String pathAndQuery, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final SSLContext tls;
    private final List<Request> requests = new ArrayList<>();
    private volatile ToIntFunction<Request> status = request -> 200;
    /*
     * Starting and stopping the server take their own lock, never the one that guards the requests:
     * HttpServer.stop() waits for the server's dispatcher thread, which may be in handle() waiting to record a
     * request. Holding one lock for both deadlocked goAway() against a request in flight.
     */
    private final Object lifecycle = new Object();
    private volatile HttpServer server;
    private volatile int port;

    private EventGridStub(SSLContext tls) {
        this.tls = tls;
    }

    /** A plain-HTTP stub (enough for SAS tokens; the SDK refuses keys over HTTP). */
    public static EventGridStub http() {
        EventGridStub stub = new EventGridStub(null);
        stub.start(0);
        return stub;
    }

    /** An HTTPS stub with the self-signed certificate of {@link SelfSignedCertificate}. */
    public static EventGridStub https(SelfSignedCertificate certificate) {
        EventGridStub stub = new EventGridStub(certificate.serverContext());
        stub.start(0);
        return stub;
    }

    public String endpoint() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + port + "/api/events";
    }

    /** Answers every following request with this status. */
    public void answer(int statusCode) {
        status = request -> statusCode;
    }

    public void answer(IntSupplier statusCode) {
        status = request -> statusCode.getAsInt();
    }

    /** Answers each following request with the status chosen for it, e.g. 400 for the events of one stream. */
    public void answerEach(ToIntFunction<Request> statusOf) {
        status = statusOf;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests that were answered 2xx. */
    public synchronized List<Request> accepted() {
        return requests.stream().filter(r -> r.headers().containsKey("x-stub-status-ok")).toList();
    }

    public synchronized void clear() {
        requests.clear();
    }

    /** Stops listening: connections are refused until {@link #comeBack()}. */
    public void goAway() {
        synchronized (lifecycle) {
            server.stop(0);
        }
    }

    /** Listens again on the same port. */
    public void comeBack() {
        synchronized (lifecycle) {
            listenAgain();
        }
    }

    private void listenAgain() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                start(port);
                return;
            } catch (IllegalStateException portNotYetFree) {
                if (System.nanoTime() > deadline) {
                    throw portNotYetFree;
                }
                sleep(50);
            }
        }
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            server.stop(0);
        }
    }

    private void start(int onPort) {
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort);
            if (tls == null) {
                server = HttpServer.create(address, 16);
            } else {
                HttpsServer https = HttpsServer.create(address, 16);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen on 127.0.0.1:" + onPort, e);
        }
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body);
        int code = status.applyAsInt(request);
        if (code / 100 == 2) {
            headers.put("x-stub-status-ok", "true");
        }
        synchronized (this) {
            requests.add(request);
        }
        exchange.sendResponseHeaders(code, -1);
        exchange.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed certificate for 127.0.0.1 (SAN IP:127.0.0.1), made with the JDK's keytool. */
    public static final class SelfSignedCertificate {

        private static final char[] PASSWORD = "changeit".toCharArray();
        private static SelfSignedCertificate instance;

        private final KeyStore keyStore;

        private SelfSignedCertificate(KeyStore keyStore) {
            this.keyStore = keyStore;
        }

        public static synchronized SelfSignedCertificate get() {
            if (instance == null) {
                instance = generate();
            }
            return instance;
        }

        X509Certificate certificate() {
            try {
                return (X509Certificate) keyStore.getCertificate("stub");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        SSLContext serverContext() {
            try {
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(keyStore, PASSWORD);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keys.getKeyManagers(), null, null);
                return context;
            } catch (Exception e) {
                throw new IllegalStateException("Cannot build the stub's TLS context", e);
            }
        }

        private static SelfSignedCertificate generate() {
            try {
                Path dir = Files.createTempDirectory("eventgrid-stub-tls");
                Path file = dir.resolve("stub.p12");
                String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
                Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "stub", "-keyalg", "RSA",
                        "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1",
                        "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", new String(PASSWORD),
                        "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException("keytool failed: " + output);
                }
                KeyStore keyStore = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(file)) {
                    keyStore.load(in, PASSWORD);
                }
                Files.delete(file);
                Files.delete(dir);
                return new SelfSignedCertificate(keyStore);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot run keytool", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot load the generated certificate", e);
            }
        }
    }
}
