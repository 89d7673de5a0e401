package io.github.eventsourcing.azure.table.internal;

import io.github.eventsourcing.azure.stream.InvalidStreamKeyException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Escaping of instance keys and event ids into Azure Table keys")
class TableKeyEscapingTest {

    private static final List<String> AWKWARD = List.of("a/b", "a\\b", "a#b", "a?b", "a%b", "a%2Fb", "a%252Fb",
            "%", "%%", "%2", "%2F", "/", "//", "a b", "A B", "東京", "😀", "a😀/b", "\uD83D\uDE00\uD83D\uDE01",
            "a'b\"c", "-", ".", "..", "x".repeat(256), "?#\\/%");

    @Test
    @DisplayName("escaping round-trips, including surrogate pairs and text that looks escaped already")
    void roundTrip() {
        for (String key : AWKWARD) {
            assertThat(KeyEscaping.unescape(KeyEscaping.escape(key))).as("key '%s'", key).isEqualTo(key);
        }
    }

    @Test
    @DisplayName("escaped keys hold none of the characters Azure forbids, and stay readable")
    void noForbiddenCharacters() {
        for (String key : AWKWARD) {
            assertThat(KeyEscaping.escape(key)).as("key '%s'", key).doesNotContain("/", "\\", "#", "?");
        }
        assertThat(KeyEscaping.escape("A-0001")).isEqualTo("A-0001");
        assertThat(KeyEscaping.escape("a/b?c")).isEqualTo("a%2Fb%3Fc");
        assertThat(KeyEscaping.escape("東京😀")).isEqualTo("東京😀");
    }

    @Test
    @DisplayName("different keys never share an escaped key")
    void injective() {
        Set<String> escaped = new HashSet<>();
        for (String key : AWKWARD) {
            assertThat(escaped.add(KeyEscaping.escape(key))).as("key '%s'", key).isTrue();
        }
    }

    @Test
    @DisplayName("a key too long for Azure's 1 KiB once escaped is refused and says why")
    void tooLongOnceEscaped() {
        assertThat(KeyEscaping.partitionKeyOf("/".repeat(170))).hasSize(510);
        assertThatThrownBy(() -> KeyEscaping.partitionKeyOf("/".repeat(171)))
                .isInstanceOf(InvalidStreamKeyException.class)
                .hasMessageContaining("513 characters long once escaped").hasMessageContaining("1 KiB");
        assertThat(KeyEscaping.partitionKeyOf("😀".repeat(256))).hasSize(512);
    }

    @Test
    @DisplayName("control characters are refused rather than written into a key Azure rejects")
    void controlCharacters() {
        assertThatThrownBy(() -> KeyEscaping.escape("a\u0000b")).isInstanceOf(InvalidStreamKeyException.class)
                .hasMessageContaining("U+0000");
        assertThatThrownBy(() -> KeyEscaping.escape("a\u0085b")).isInstanceOf(InvalidStreamKeyException.class);
    }

    @Test
    @DisplayName("text that is not an escaped key is refused when decoding")
    void malformed() {
        for (String bad : List.of("%", "%2", "%41", "a%2f")) {
            assertThatThrownBy(() -> KeyEscaping.unescape(bad)).as("'%s'", bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
