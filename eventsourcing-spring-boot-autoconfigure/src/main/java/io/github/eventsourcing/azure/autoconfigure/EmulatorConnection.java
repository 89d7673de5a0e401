package io.github.eventsourcing.azure.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The connection string of {@code eventsourcing.connections.<name>.emulator}: Azurite's well-known account and key at
 * the configured host and ports. The host must be a loopback address, because the well-known key is public: an
 * endpoint anyone else can reach must never accept it.
 */
final class EmulatorConnection {

    /** The storage emulator's account. */
    static final String ACCOUNT = "devstoreaccount1";

    /** The storage emulator's public, well-known account key (documented by Microsoft; not a secret). */
    private static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private EmulatorConnection() {
    }

    /** Fails the start when the emulator is enabled together with another way to connect, or off this machine. */
    static void requireConsistent(String name, EventSourcingProperties.Connection connection) {
        EventSourcingProperties.Emulator emulator = connection.getEmulator();
        if (!emulator.isEnabled()) {
            return;
        }
        String prefix = "eventsourcing.connections." + name;
        String other = connection.getConnectionString() != null ? "connection-string"
                : connection.getAccountName() != null ? "account-name"
                : connection.getTableEndpoint() != null ? "table-endpoint"
                : connection.getBlobEndpoint() != null ? "blob-endpoint"
                : connection.isUseApplicationBlobServiceClient() ? "use-application-blob-service-client" : null;
        if (other != null) {
            throw new InvalidEventSourcingConfigurationException(prefix + " sets emulator.enabled=true together with "
                    + other + ", so it is unclear which storage to use.",
                    "Remove " + prefix + "." + other + " to use the Azurite emulator, or remove " + prefix
                            + ".emulator.enabled to use the account.");
        }
        if (!isLoopback(emulator.getHost())) {
            throw new InvalidEventSourcingConfigurationException(prefix + ".emulator.host is '" + emulator.getHost()
                    + "', which is not a loopback address; the emulator's well-known account key is public and must "
                    + "never authenticate a storage endpoint that other machines can reach.",
                    "Set " + prefix + ".emulator.host to localhost, 127.0.0.1 (the default) or ::1 where Azurite "
                            + "listens, or connect to a real account with " + prefix + ".connection-string or "
                            + prefix + ".account-name instead of the emulator.");
        }
        requirePort(prefix + ".emulator.blob-port", emulator.getBlobPort(), "--blobPort", 10000);
        requirePort(prefix + ".emulator.table-port", emulator.getTablePort(), "--tablePort", 10002);
    }

    /** Azurite's connection string for the connection's emulator settings. */
    static String connectionString(EventSourcingProperties.Emulator emulator) {
        String host = emulator.getHost().contains(":") && !emulator.getHost().startsWith("[")
                ? "[" + emulator.getHost() + "]" : emulator.getHost();
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
                + ";BlobEndpoint=http://" + host + ":" + emulator.getBlobPort() + "/" + ACCOUNT
                + ";TableEndpoint=http://" + host + ":" + emulator.getTablePort() + "/" + ACCOUNT + ";";
    }

    /**
     * Whether the host is {@code localhost} or a literal loopback address. Other names are refused without being
     * looked up: what a name resolves to can change after the check.
     */
    static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String literal = host.strip().toLowerCase(Locale.ROOT);
        if (literal.equals("localhost")) {
            return true;
        }
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        if (!IPV4_LITERAL.matcher(literal).matches() && !literal.contains(":")) {
            return false;
        }
        try {
            // A literal address is parsed, never looked up.
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException | SecurityException notAnAddress) {
            return false;
        }
    }

    private static void requirePort(String property, int port, String azuriteOption, int azuriteDefault) {
        if (port < 1 || port > 65535) {
            throw new InvalidEventSourcingConfigurationException(property + " is " + port + ", not a TCP port.",
                    "Set " + property + " to the port Azurite's " + azuriteOption + " names (1 to 65535), or remove "
                            + "it for Azurite's default " + azuriteDefault + ".");
        }
    }
}
