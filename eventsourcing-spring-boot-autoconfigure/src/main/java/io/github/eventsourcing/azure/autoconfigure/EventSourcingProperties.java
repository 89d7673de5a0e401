package io.github.eventsourcing.azure.autoconfigure;

import io.github.eventsourcing.azure.spi.StorageConnection;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration of event sourcing: where each domain/entity is stored, the storage connections, and the append limits.
 * <pre>{@code
 * eventsourcing:
 *   connections:
 *     default:
 *       connection-string: ${STORAGE_CONNECTION_STRING}
 *   streams:
 *     "[ALL.ALL]":
 *       backend: table
 * }</pre>
 */
@ConfigurationProperties("eventsourcing")
public class EventSourcingProperties {

    /** The connection a stream rule uses when it names none. */
    public static final String DEFAULT_CONNECTION = "default";

    /**
     * Named storage connections, referred to by the stream rules. Each connection is either a connection string, an
     * account name and/or service endpoints authenticated with the application's Azure credential, or (for local
     * development) the Azurite storage emulator on this machine: emulator.enabled=true.
     */
    private final Map<String, Connection> connections = new LinkedHashMap<>();

    /**
     * Which backend and connection store each domain/entity, keyed "Domain.Entity" (write the key in brackets, e.g.
     * "[Bank.Account]", so that the dot is kept). "ALL" stands for any domain or any entity; the most specific rule
     * wins, in this order: Domain.Entity, Domain.ALL, ALL.Entity, ALL.ALL.
     */
    private final Map<String, StreamRule> streams = new LinkedHashMap<>();

    private final Limits limits = new Limits();

    private final Keys keys = new Keys();

    private final Appends appends = new Appends();

    /**
     * Packages to scan for @EventName classes, in addition to the application's own packages (those of its
     * auto-configuration, i.e. of the @SpringBootApplication class). Event classes outside these packages are
     * registered on first write, so streams of them can only be read after one was written.
     */
    private List<String> eventTypePackages = new ArrayList<>();

    public Map<String, Connection> getConnections() {
        return connections;
    }

    public Map<String, StreamRule> getStreams() {
        return streams;
    }

    public Limits getLimits() {
        return limits;
    }

    public Keys getKeys() {
        return keys;
    }

    public Appends getAppends() {
        return appends;
    }

    public List<String> getEventTypePackages() {
        return eventTypePackages;
    }

    public void setEventTypePackages(List<String> eventTypePackages) {
        this.eventTypePackages = eventTypePackages;
    }

    /** Where the streams of the domain/entities a rule matches are stored. */
    public static class StreamRule {

        /**
         * The storage backend: "table" (Azure Table storage, recommended), "append-blob" (one Azure append blob per
         * stream) or "in-memory" (this process only, for tests; nothing survives a restart).
         */
        private String backend;

        /**
         * The name of the connection (a key of eventsourcing.connections) the backend stores into. Not used by the
         * in-memory backend.
         */
        private String connection = DEFAULT_CONNECTION;

        public String getBackend() {
            return backend;
        }

        public void setBackend(String backend) {
            this.backend = backend;
        }

        public String getConnection() {
            return connection;
        }

        public void setConnection(String connection) {
            this.connection = connection;
        }
    }

    /**
     * A storage account to connect to. Either a connection string, or an account name and/or endpoints that are
     * authenticated with the application's Azure credential (a TokenCredential bean, such as the one
     * spring-cloud-azure configures from spring.cloud.azure.credential.*, e.g. a managed identity).
     */
    public static class Connection {

        /**
         * Storage account connection string. It holds the account key or a shared access signature: keep it out of
         * source control (e.g. "${STORAGE_CONNECTION_STRING}"). Cannot be combined with account-name or endpoints.
         */
        private String connectionString;

        /**
         * Storage account name, authenticated with the application's Azure credential. The endpoints default to
         * https://{account-name}.table.core.windows.net and https://{account-name}.blob.core.windows.net.
         */
        private String accountName;

        /** Table service endpoint; overrides the one derived from the account name (e.g. for another Azure cloud). */
        private String tableEndpoint;

        /** Blob service endpoint; overrides the one derived from the account name (e.g. for another Azure cloud). */
        private String blobEndpoint;

        /**
         * Name of the TokenCredential bean that authenticates the account name or endpoints. Default: the bean
         * spring-cloud-azure configures from spring.cloud.azure.credential.* (springCloudAzureDefaultCredential), or
         * else the application's only TokenCredential bean.
         */
        private String credentialBeanName;

        /**
         * Whether the append-blob backend uses the application's BlobServiceClient bean, such as the one
         * spring-cloud-azure configures from spring.cloud.azure.storage.blob.*. Cannot be combined with
         * connection-string or blob-endpoint.
         */
        private boolean useApplicationBlobServiceClient;

        /**
         * How long one attempt of a storage request may wait for the service's answer before it counts as failed
         * (and is retried). Azure's storage services answer within 30 seconds by design; without a bound, a request
         * to an endpoint that accepts connections but never answers holds its thread for minutes. Not applied to the
         * application's BlobServiceClient.
         */
        private Duration requestTimeout = Duration.ofSeconds(30);

        /**
         * How often a failed storage request (no answer, a throttling or server error) is retried, with exponential
         * back-off, before the caller gets an exception. Not applied to the application's BlobServiceClient.
         */
        private int maxRetries = 3;

        private final Emulator emulator = new Emulator();

        public Emulator getEmulator() {
            return emulator;
        }

        public String getConnectionString() {
            return connectionString;
        }

        public void setConnectionString(String connectionString) {
            this.connectionString = connectionString;
        }

        public String getAccountName() {
            return accountName;
        }

        public void setAccountName(String accountName) {
            this.accountName = accountName;
        }

        public String getTableEndpoint() {
            return tableEndpoint;
        }

        public void setTableEndpoint(String tableEndpoint) {
            this.tableEndpoint = tableEndpoint;
        }

        public String getBlobEndpoint() {
            return blobEndpoint;
        }

        public void setBlobEndpoint(String blobEndpoint) {
            this.blobEndpoint = blobEndpoint;
        }

        public String getCredentialBeanName() {
            return credentialBeanName;
        }

        public void setCredentialBeanName(String credentialBeanName) {
            this.credentialBeanName = credentialBeanName;
        }

        public boolean isUseApplicationBlobServiceClient() {
            return useApplicationBlobServiceClient;
        }

        public void setUseApplicationBlobServiceClient(boolean useApplicationBlobServiceClient) {
            this.useApplicationBlobServiceClient = useApplicationBlobServiceClient;
        }

        public Duration getRequestTimeout() {
            return requestTimeout;
        }

        public void setRequestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
        }

        public int getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
        }

        /**
         * This connection's values, as the backends get them: the emulator becomes its connection string.
         *
         * @throws InvalidEventSourcingConfigurationException when the values cannot make a connection
         */
        public StorageConnection toStorageConnection(String name) {
            StorageConnectionSupport.requireUsable(name, this);
            // The emulator is a connection string a factory needs to know nothing about.
            String connectionString = emulator.isEnabled() ? EmulatorConnection.connectionString(emulator)
                    : this.connectionString;
            return new StorageConnection(name, connectionString, accountName, tableEndpoint, blobEndpoint,
                    credentialBeanName, useApplicationBlobServiceClient, requestTimeout, maxRetries);
        }

        /** Never shows the connection string: it holds a secret. */
        @Override
        public String toString() {
            return "Connection[connectionString=" + (connectionString == null ? "none" : "(hidden)") + ", accountName="
                    + accountName + ", tableEndpoint=" + tableEndpoint + ", blobEndpoint=" + blobEndpoint
                    + ", credentialBeanName=" + credentialBeanName + ", useApplicationBlobServiceClient="
                    + useApplicationBlobServiceClient + ", requestTimeout=" + requestTimeout + ", maxRetries="
                    + maxRetries + ", emulator=" + (emulator.isEnabled() ? emulator.getHost() : "off") + "]";
        }
    }

    /**
     * The Azurite storage emulator as the connection, for local development: its well-known account and key on this
     * machine, so no connection string is needed. Only a loopback host is accepted, as the well-known key must never
     * authenticate a reachable service.
     */
    public static class Emulator {

        /**
         * Whether the connection is the Azurite storage emulator (account devstoreaccount1 with its well-known key).
         * Cannot be combined with connection-string, account-name, endpoints or use-application-blob-service-client.
         */
        private boolean enabled;

        /** Host of the emulator: localhost, an address in 127.0.0.0/8, or ::1. */
        private String host = "127.0.0.1";

        /** Port of the emulator's Blob service (Azurite's --blobPort). */
        private int blobPort = 10000;

        /** Port of the emulator's Table service (Azurite's --tablePort). */
        private int tablePort = 10002;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public int getBlobPort() {
            return blobPort;
        }

        public void setBlobPort(int blobPort) {
            this.blobPort = blobPort;
        }

        public int getTablePort() {
            return tablePort;
        }

        public void setTablePort(int tablePort) {
            this.tablePort = tablePort;
        }
    }

    /**
     * The limits of one atomic append. They are the same on every backend and may only be lowered from the defaults,
     * which Azure Table storage's transaction limits set.
     */
    public static class Limits {

        /** Most events in one atomic append (1 to 49). */
        // Literals rather than EventStoreLimits.DEFAULT so that the configuration processor documents the defaults
        // (a test keeps them equal).
        private int maxEventsPerAppend = 49;

        /** Largest event: its UTF-8 JSON plus its write context (1KB to 256KB). */
        private DataSize maxEventSize = DataSize.ofKilobytes(256);

        /** Largest atomic append: all its events' JSON plus write context (max-event-size to 2MB). */
        private DataSize maxAppendSize = DataSize.ofMegabytes(2);

        public int getMaxEventsPerAppend() {
            return maxEventsPerAppend;
        }

        public void setMaxEventsPerAppend(int maxEventsPerAppend) {
            this.maxEventsPerAppend = maxEventsPerAppend;
        }

        public DataSize getMaxEventSize() {
            return maxEventSize;
        }

        public void setMaxEventSize(DataSize maxEventSize) {
            this.maxEventSize = maxEventSize;
        }

        public DataSize getMaxAppendSize() {
            return maxAppendSize;
        }

        public void setMaxAppendSize(DataSize maxAppendSize) {
            this.maxAppendSize = maxAppendSize;
        }
    }

    /** Which instance keys new streams may get. */
    public static class Keys {

        /**
         * Whether a new stream may get a key with a format character (Unicode Cf, e.g. a zero-width space or a
         * right-to-left override; U+200C and U+200D are always allowed) or with white space at its start or end.
         * Such keys look like other keys, so they are refused by default. Streams that exist keep their keys either
         * way; control characters are never allowed.
         */
        private boolean allowInvisibleCharacters = false;

        public boolean isAllowInvisibleCharacters() {
            return allowInvisibleCharacters;
        }

        public void setAllowInvisibleCharacters(boolean allowInvisibleCharacters) {
            this.allowInvisibleCharacters = allowInvisibleCharacters;
        }
    }

    /** How this process appends: a cache of stream versions, and what it does when storage fails. */
    public static class Appends {

        /**
         * How many streams' last seen versions this process keeps (least recently used forgotten first). An append
         * without an expected version (including must-exist) first tries at the version last seen, in one round trip
         * instead of two on Table storage, and finds the end as usual when another writer was first. 0 turns the cache
         * off.
         */
        private int versionCacheSize = 10_000;

        public int getVersionCacheSize() {
            return versionCacheSize;
        }

        public void setVersionCacheSize(int versionCacheSize) {
            this.versionCacheSize = versionCacheSize;
        }

        /**
         * How long, after every attempt of an append failed without telling whether it was stored (a timeout, a
         * connection lost after sending), its event ids are looked for. Found: the append succeeded and is reported
         * like a repeat (alreadyApplied). Not found by then: AppendOutcomeUnknownException (HTTP 504). The default is
         * Azure Storage's longest server-side timeout, after which an attempt still in the service is unlikely to land.
         */
        private Duration outcomeCheckTimeout = Duration.ofSeconds(30);

        public Duration getOutcomeCheckTimeout() {
            return outcomeCheckTimeout;
        }

        public void setOutcomeCheckTimeout(Duration outcomeCheckTimeout) {
            this.outcomeCheckTimeout = outcomeCheckTimeout;
        }
    }
}
