package io.github.eventsourcing.azure.blob.internal;

import io.github.eventsourcing.azure.stream.InvalidStreamKeyException;
import io.github.eventsourcing.azure.stream.StreamId.StreamType;
import io.github.eventsourcing.azure.stream.StreamId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("AppendBlob: container and blob names")
class AppendBlobNamingTest {

    /** Azure's rule: 3-63 characters, lowercase letters, digits and single hyphens between them. */
    private static final String VALID_CONTAINER = "[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}";

    @Nested
    @DisplayName("Containers")
    class Containers {

        private final List<StreamType> types = List.of(
                new StreamType("Bank", "Account"), new StreamType("bank", "account"), new StreamType("BANK", "Account"),
                new StreamType("Bank_X", "Y"), new StreamType("Bank-X", "Y"), new StreamType("Bank", "X_Y"),
                new StreamType("_", "_"), new StreamType("-", "-"), new StreamType("a", "b"),
                new StreamType("D".repeat(63), "E".repeat(63)), new StreamType("x--y", "__z__"));

        @Test
        @DisplayName("every domain/entity gets a valid container name of its own")
        void validAndDistinct() {
            Set<String> names = new HashSet<>();
            for (StreamType type : types) {
                String name = ContainerNames.nameOf("es", type);
                assertThat(name).as("container of %s", type).matches(VALID_CONTAINER);
                assertThat(names.add(name)).as("%s has a name of its own", type).isTrue();
            }
        }

        @Test
        @DisplayName("names are readable and stable: prefix, lowercased domain and entity, 12 hex of SHA-256")
        void readableAndStable() {
            String name = ContainerNames.nameOf("es", new StreamType("Bank", "Account"));
            assertThat(name).isEqualTo("es-bank-account-"
                    + ContainerNames.sha256Hex("Bank/Account").substring(0, 12));
            assertThat(new ContainerNames("my-app").containerFor(new StreamType("Bank", "Account")))
                    .startsWith("my-app-bank-account-");
        }

        @Test
        @DisplayName("a container prefix that would make invalid names is refused")
        void invalidPrefix() {
            for (String prefix : List.of("", "Es", "e_s", "-es", "es-", "e--s", "x".repeat(21))) {
                assertThatThrownBy(() -> new ContainerNames(prefix)).as("prefix '%s'", prefix)
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }

        @Test
        @DisplayName("a collision between two types is refused with a message naming both")
        void collisionMessage() {
            InvalidStreamKeyException e = ContainerNames.collision("es-x-0123456789ab",
                    new StreamType("Bank", "Account"), new StreamType("Shop", "Order"));
            assertThat(e.getMessage()).contains("Shop/Order", "Bank/Account", "es-x-0123456789ab");
        }
    }

    @Nested
    @DisplayName("Instance keys in blob names")
    class Keys {

        private final List<String> keys = List.of("A-0001", "a/b", "a\\b", "a#b", "a?b", "a b", "A B", "a%2Fb",
                "a~2Fb", "~", "%", "東京-😀", "a'b\"c", "-", ".", "..", "end.", "a.b", "ab\u200Bc", "x".repeat(256),
                "é", "e\u0301", "Ω", "a\u00A0b", "tab\u2003x");

        @Test
        @DisplayName("encoding is reversible")
        void roundTrip() {
            for (String key : keys) {
                assertThat(BlobNames.decodeKey(BlobNames.encodeKey(key))).as("key '%s'", key).isEqualTo(key);
            }
        }

        @Test
        @DisplayName("different keys never share a blob name, including keys that look like escapes")
        void injective() {
            Set<String> encoded = new HashSet<>();
            for (String key : keys) {
                assertThat(encoded.add(BlobNames.encodeKey(key))).as("key '%s'", key).isTrue();
            }
        }

        @Test
        @DisplayName("encoded keys hold no slash, backslash, dot, percent sign, space or invisible character")
        void safeCharacters() {
            for (String key : keys) {
                String encoded = BlobNames.encodeKey(key);
                assertThat(encoded).as("key '%s'", key).doesNotContain("/", "\\", ".", "%", " ", "\u200B", "\u00A0");
                assertThat(encoded).isNotEmpty();
            }
            assertThat(BlobNames.encodeKey("a/b")).isEqualTo("a~2Fb");
            assertThat(BlobNames.encodeKey("A-0001")).isEqualTo("A-0001");
            assertThat(BlobNames.encodeKey("東京")).isEqualTo("東京");
        }

        @Test
        @DisplayName("a key whose encoding does not fit a blob name is refused, not shortened")
        void tooLong() {
            String key = "\u00A0".repeat(StreamId.MAX_INSTANCE_KEY_LENGTH); // 6 characters each when escaped
            assertThatThrownBy(() -> BlobNames.encodeKey(key)).isInstanceOf(InvalidStreamKeyException.class)
                    .hasMessageContaining("too long");
            assertThat(BlobNames.encodeKey("?".repeat(StreamId.MAX_INSTANCE_KEY_LENGTH)))
                    .hasSize(3 * StreamId.MAX_INSTANCE_KEY_LENGTH);
        }

        @Test
        @DisplayName("segment names sort in index order and parse back to key and index")
        void segmentNames() {
            String name = BlobNames.segment(BlobNames.encodeKey("a/b"), 12);
            assertThat(name).isEqualTo("streams/a~2Fb/00000012");
            assertThat(BlobNames.parseSegment(name)).contains(new BlobNames.SegmentName("a~2Fb", 12));
            assertThat(BlobNames.segment("k", 9).compareTo(BlobNames.segment("k", 10))).isNegative();
            assertThat(BlobNames.parseSegment("deletions/k/abc")).isEmpty();
            assertThat(BlobNames.parseSegment("streams/k/notanumber")).isEmpty();
            assertThat(BlobNames.tombstone("k", "0123")).isEqualTo("deletions/k/0123");
        }
    }
}
