package io.github.eventsourcing.azure.autoconfigure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.data.tables.TableServiceClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.spring.cloud.autoconfigure.implementation.context.AzureGlobalPropertiesAutoConfiguration;
import com.azure.spring.cloud.autoconfigure.implementation.context.AzureTokenCredentialAutoConfiguration;
import com.azure.spring.cloud.autoconfigure.implementation.storage.blob.AzureStorageBlobAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingProperties.Connection;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a named connection becomes Azure SDK clients, and every way its settings can be wrong. */
@DisplayName("A storage connection")
class StorageConnectionTests {

    private static final String CONNECTION_STRING = "DefaultEndpointsProtocol=http;AccountName=" + Azurite.ACCOUNT
            + ";AccountKey=" + Azurite.KEY + ";BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"
            + "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    private final ApplicationContextRunner runner = new ApplicationContextRunner();

    @Test
    @DisplayName("with a connection string reaches the endpoints it names")
    void connectionString() {
        Connection connection = new Connection();
        connection.setConnectionString(CONNECTION_STRING);
        runner.run(context -> {
            TableServiceClient table = TableServiceClients.forConnection(connection.toStorageConnection("main"), context);
            BlobServiceClient blob = BlobServiceClients.forConnection(connection.toStorageConnection("main"), context);
            assertThat(table.getServiceEndpoint()).isEqualTo("http://127.0.0.1:10002/devstoreaccount1");
            assertThat(blob.getAccountUrl()).isEqualTo("http://127.0.0.1:10000/devstoreaccount1");
        });
    }

    @Test
    @DisplayName("with an account name reaches the account's public endpoints with the application's credential")
    void accountName() {
        Connection connection = new Connection();
        connection.setAccountName("bankprod");
        runner.withBean("appCredential", TokenCredential.class, FixedCredential::new).run(context -> {
            assertThat(TableServiceClients.forConnection(connection.toStorageConnection("prod"), context).getServiceEndpoint())
                    .isEqualTo("https://bankprod.table.core.windows.net");
            assertThat(BlobServiceClients.forConnection(connection.toStorageConnection("prod"), context).getAccountUrl())
                    .isEqualTo("https://bankprod.blob.core.windows.net");
        });
    }

    @Test
    @DisplayName("with explicit endpoints reaches those instead of the public ones")
    void explicitEndpoints() {
        Connection connection = new Connection();
        connection.setAccountName("bankprod");
        connection.setTableEndpoint("https://bankprod.table.core.chinacloudapi.cn");
        runner.withBean(TokenCredential.class, FixedCredential::new).run(context -> {
            assertThat(TableServiceClients.forConnection(connection.toStorageConnection("prod"), context).getServiceEndpoint())
                    .isEqualTo("https://bankprod.table.core.chinacloudapi.cn");
            assertThat(BlobServiceClients.forConnection(connection.toStorageConnection("prod"), context).getAccountUrl())
                    .isEqualTo("https://bankprod.blob.core.windows.net");
        });
    }

    @Nested
    @DisplayName("authenticates with")
    class Credentials {

        private final Connection connection = accountOnly();

        @Test
        @DisplayName("spring-cloud-azure's credential when there is one, among others")
        void springCloudAzureCredentialFirst() {
            runner.withBean("other", TokenCredential.class, FixedCredential::new)
                    .withBean(StorageConnectionSupport.SPRING_CLOUD_AZURE_CREDENTIAL, TokenCredential.class,
                            FixedCredential::new)
                    .run(context -> assertThat(StorageConnectionSupport.credential(connection.toStorageConnection("prod"), context))
                            .isSameAs(context.getBean(StorageConnectionSupport.SPRING_CLOUD_AZURE_CREDENTIAL)));
        }

        @Test
        @DisplayName("the credential spring-cloud-azure configures from spring.cloud.azure.credential.*")
        void managedIdentityFromSpringCloudAzure() {
            runner.withConfiguration(AutoConfigurations.of(AzureGlobalPropertiesAutoConfiguration.class,
                            AzureTokenCredentialAutoConfiguration.class))
                    .withPropertyValues("spring.cloud.azure.credential.managed-identity-enabled=true",
                            "spring.cloud.azure.credential.client-id=00000000-0000-0000-0000-000000000001")
                    .run(context -> assertThat(StorageConnectionSupport.credential(connection.toStorageConnection("prod"), context))
                            .isInstanceOf(com.azure.identity.ManagedIdentityCredential.class));
        }

        @Test
        @DisplayName("the bean credential-bean-name names")
        void namedCredential() {
            connection.setCredentialBeanName("storageCredential");
            runner.withBean("storageCredential", TokenCredential.class, FixedCredential::new)
                    .withBean(StorageConnectionSupport.SPRING_CLOUD_AZURE_CREDENTIAL, TokenCredential.class,
                            FixedCredential::new)
                    .run(context -> assertThat(StorageConnectionSupport.credential(connection.toStorageConnection("prod"), context))
                            .isSameAs(context.getBean("storageCredential")));
        }

        @Test
        @DisplayName("the application's only TokenCredential")
        void onlyCredential() {
            runner.withBean("mine", TokenCredential.class, FixedCredential::new)
                    .run(context -> assertThat(StorageConnectionSupport.credential(connection.toStorageConnection("prod"), context))
                            .isSameAs(context.getBean("mine")));
        }
    }

    @Test
    @DisplayName("can hand over the application's BlobServiceClient, e.g. spring-cloud-azure's")
    void applicationBlobServiceClient() {
        Connection connection = new Connection();
        connection.setUseApplicationBlobServiceClient(true);
        runner.withConfiguration(AutoConfigurations.of(AzureGlobalPropertiesAutoConfiguration.class,
                        AzureStorageBlobAutoConfiguration.class))
                .withPropertyValues("spring.cloud.azure.storage.blob.connection-string=" + CONNECTION_STRING)
                .run(context -> assertThat(BlobServiceClients.forConnection(connection.toStorageConnection("app"), context))
                        .isSameAs(context.getBean(BlobServiceClient.class)));
    }

    @Nested
    @DisplayName("is refused")
    class Refused {

        @Test
        @DisplayName("when it sets a connection string and an account name")
        void connectionStringAndAccount() {
            Connection connection = new Connection();
            connection.setConnectionString(CONNECTION_STRING);
            connection.setAccountName("bankprod");

            assertThatThrownBy(() -> TableServiceClients.forConnection(connection.toStorageConnection("main"), null))
                    .isInstanceOfSatisfying(InvalidEventSourcingConfigurationException.class, e -> {
                        assertThat(e.description()).isEqualTo("eventsourcing.connections.main sets connection-string "
                                + "together with account-name or an endpoint, so it is unclear which account to use.");
                        assertThat(e.action()).isEqualTo("Keep either eventsourcing.connections.main.connection-string, "
                                + "or eventsourcing.connections.main.account-name (and/or "
                                + "eventsourcing.connections.main.table-endpoint / .blob-endpoint) authenticated with the "
                                + "application's Azure credential.");
                    });
        }

        @Test
        @DisplayName("when it uses the application's BlobServiceClient and a connection string")
        void applicationClientAndConnectionString() {
            Connection connection = new Connection();
            connection.setConnectionString(CONNECTION_STRING);
            connection.setUseApplicationBlobServiceClient(true);

            assertThatThrownBy(() -> BlobServiceClients.forConnection(connection.toStorageConnection("main"), null))
                    .isInstanceOfSatisfying(InvalidEventSourcingConfigurationException.class, e -> {
                        assertThat(e.description()).isEqualTo("eventsourcing.connections.main sets "
                                + "use-application-blob-service-client together with connection-string, so it is "
                                + "unclear which Blob account to use.");
                        assertThat(e.action()).startsWith("Remove eventsourcing.connections.main."
                                + "use-application-blob-service-client, or remove "
                                + "eventsourcing.connections.main.connection-string");
                    });
        }

        @Test
        @DisplayName("when the table backend needs an endpoint it does not give")
        void noTableEndpoint() {
            Connection connection = new Connection();
            connection.setBlobEndpoint("https://bankprod.blob.core.windows.net");

            runner.run(context -> assertThatThrownBy(() -> TableServiceClients.forConnection(connection.toStorageConnection("blobs"), context))
                    .isInstanceOfSatisfying(InvalidEventSourcingConfigurationException.class, e -> {
                        assertThat(e.description()).isEqualTo("eventsourcing.connections.blobs is used by a rule with "
                                + "the table backend, but gives no Table endpoint.");
                        assertThat(e.action()).isEqualTo("Set eventsourcing.connections.blobs.connection-string, "
                                + "eventsourcing.connections.blobs.account-name or "
                                + "eventsourcing.connections.blobs.table-endpoint.");
                    }));
        }

        @Test
        @DisplayName("when the append-blob backend needs an endpoint it does not give")
        void noBlobEndpoint() {
            Connection connection = new Connection();
            connection.setTableEndpoint("https://bankprod.table.core.windows.net");

            runner.run(context -> assertThatThrownBy(() -> BlobServiceClients.forConnection(connection.toStorageConnection("tables"), context))
                    .isInstanceOfSatisfying(InvalidEventSourcingConfigurationException.class, e -> assertThat(e.action())
                            .isEqualTo("Set eventsourcing.connections.tables.connection-string, "
                                    + "eventsourcing.connections.tables.account-name, "
                                    + "eventsourcing.connections.tables.blob-endpoint or "
                                    + "eventsourcing.connections.tables.use-application-blob-service-client=true.")));
        }

        @Test
        @DisplayName("when it needs a credential and the application has none")
        void noCredential() {
            runner.run(context -> assertThatThrownBy(() -> TableServiceClients.forConnection(accountOnly().toStorageConnection("prod"), context))
                    .isInstanceOfSatisfying(InvalidEventSourcingConfigurationException.class, e -> {
                        assertThat(e.description()).isEqualTo("eventsourcing.connections.prod authenticates with "
                                + "Microsoft Entra ID (account-name or an endpoint without a connection string), but the "
                                + "application has no TokenCredential bean.");
                        assertThat(e.action()).startsWith("Add com.azure.spring:spring-cloud-azure-starter");
                    }));
        }

        @Test
        @DisplayName("when it cannot tell which of several credentials to use")
        void severalCredentials() {
            runner.withBean("first", TokenCredential.class, FixedCredential::new)
                    .withBean("second", TokenCredential.class, FixedCredential::new)
                    .run(context -> assertThatThrownBy(() -> StorageConnectionSupport.credential(accountOnly().toStorageConnection("prod"),
                            context)).isInstanceOfSatisfying(InvalidEventSourcingConfigurationException.class, e -> {
                                assertThat(e.description()).isEqualTo("eventsourcing.connections.prod authenticates "
                                        + "with Microsoft Entra ID, but the application has several TokenCredential "
                                        + "beans (first, second).");
                                assertThat(e.action()).isEqualTo(
                                        "Set eventsourcing.connections.prod.credential-bean-name to the one to use.");
                            }));
        }

        @Test
        @DisplayName("when credential-bean-name names no TokenCredential bean")
        void unknownCredentialName() {
            Connection connection = accountOnly();
            connection.setCredentialBeanName("storageCredentail");
            runner.withBean("storageCredential", TokenCredential.class, FixedCredential::new)
                    .run(context -> assertThatThrownBy(() -> StorageConnectionSupport.credential(connection.toStorageConnection("prod"),
                            context)).isInstanceOfSatisfying(InvalidEventSourcingConfigurationException.class, e ->
                            assertThat(e.description()).isEqualTo("eventsourcing.connections.prod.credential-bean-name "
                                    + "is 'storageCredentail', but there is no TokenCredential bean of that name (there "
                                    + "are: storageCredential).")));
        }

        @Test
        @DisplayName("when it asks for the application's BlobServiceClient and there is none")
        void noApplicationBlobServiceClient() {
            Connection connection = new Connection();
            connection.setUseApplicationBlobServiceClient(true);

            runner.run(context -> assertThatThrownBy(() -> BlobServiceClients.forConnection(connection.toStorageConnection("app"), context))
                    .isInstanceOfSatisfying(InvalidEventSourcingConfigurationException.class, e -> {
                        assertThat(e.description()).isEqualTo("eventsourcing.connections.app uses the application's "
                                + "BlobServiceClient, but the application has none.");
                        assertThat(e.action()).startsWith("Set spring.cloud.azure.storage.blob.account-name");
                    }));
        }

        @Test
        @DisplayName("when its connection string is malformed, without repeating the secret")
        void malformedConnectionString() {
            Connection connection = new Connection();
            connection.setConnectionString("AccountName bank;AccountKey=TOP-SECRET-KEY");

            runner.run(context -> assertThatThrownBy(() -> TableServiceClients.forConnection(connection.toStorageConnection("main"), context))
                    .isInstanceOfSatisfying(InvalidEventSourcingConfigurationException.class, e -> {
                        assertThat(e.description()).startsWith("eventsourcing.connections.main cannot build the Table "
                                + "client: ");
                        assertThat(e.getMessage()).doesNotContain("TOP-SECRET-KEY");
                        assertThat(e.getCause()).isNull();
                    }));
        }
    }

    private static Connection accountOnly() {
        Connection connection = new Connection();
        connection.setAccountName("bankprod");
        return connection;
    }

    /** A credential that is never asked for a token: these tests build clients but send nothing. */
    private static final class FixedCredential implements TokenCredential {
        @Override
        public Mono<AccessToken> getToken(com.azure.core.credential.TokenRequestContext request) {
            return Mono.error(new UnsupportedOperationException("no token in this test"));
        }
    }
}
