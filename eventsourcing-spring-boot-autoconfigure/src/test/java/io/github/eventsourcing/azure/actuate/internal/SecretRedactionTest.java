package io.github.eventsourcing.azure.actuate.internal;

import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("SecretRedaction")
class SecretRedactionTest {

    @Test
    @DisplayName("removes the account key and the signature from a connection string")
    void connectionString() {
        String redacted = SecretRedaction.redact("DefaultEndpointsProtocol=https;AccountName=prod;AccountKey="
                + Azurite.KEY + ";EndpointSuffix=core.windows.net");

        assertThat(redacted).doesNotContain(Azurite.KEY).contains("AccountName=prod").contains("AccountKey=(redacted)");
        assertThat(SecretRedaction.redact("BlobEndpoint=https://a.blob.core.windows.net;SharedAccessSignature=sv=2022-11-02"
                + "&ss=b&sig=abc%2Bdef"))
                .isEqualTo("BlobEndpoint=https://a.blob.core.windows.net;SharedAccessSignature=(redacted)&ss=b&sig=(redacted)");
    }

    @Test
    @DisplayName("removes the query string, where a shared access signature travels, from every URL")
    void urlQuery() {
        String message = "Status code 403, GET https://prod.table.core.windows.net/Tables?sv=2019-02-02&sig=s3cr3t%3D "
                + "failed";

        assertThat(SecretRedaction.redact(message))
                .isEqualTo("Status code 403, GET https://prod.table.core.windows.net/Tables?(redacted) failed");
    }

    @Test
    @DisplayName("removes the signature of a SharedKey authorization header and a bearer token")
    void authorization() {
        assertThat(SecretRedaction.redact("Authorization: SharedKey devstoreaccount1:Zm9vYmFy= was refused"))
                .isEqualTo("Authorization: SharedKey devstoreaccount1:(redacted) was refused");
        assertThat(SecretRedaction.redact("Authorization: Bearer eyJ0eXAi.eyJhdWQi.sig")).isEqualTo("Authorization: Bearer (redacted)");
    }

    @Test
    @DisplayName("leaves text without credentials as it is")
    void harmless() {
        String message = "Connection refused: /127.0.0.1:10002 (http://127.0.0.1:10002/devstoreaccount1)";

        assertThat(SecretRedaction.redact(message)).isEqualTo(message);
    }
}
