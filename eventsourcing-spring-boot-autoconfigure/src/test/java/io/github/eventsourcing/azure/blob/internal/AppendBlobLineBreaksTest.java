package io.github.eventsourcing.azure.blob.internal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("AppendBlob: finding the line breaks of a chunk")
class AppendBlobLineBreaksTest {

    private static int naive(byte[] buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Test
    @DisplayName("the first line break is found wherever it is, in a word or after one, and none where there is none")
    void everyPosition() {
        for (int length = 0; length <= 40; length++) {
            for (int at = -1; at < length; at++) {
                byte[] buffer = new byte[length];
                java.util.Arrays.fill(buffer, (byte) 'x');
                if (at >= 0) {
                    buffer[at] = '\n';
                }
                for (int from = 0; from <= length; from++) {
                    assertThat(LineBreaks.next(buffer, from, length)).as("length %d, break at %d, from %d", length, at,
                            from).isEqualTo(at >= from ? at : -1);
                }
            }
        }
    }

    @Test
    @DisplayName("bytes next to a line break's value (0x09, 0x0B, 0x8A, 0x00) and UTF-8 text are never taken for one")
    void nearMisses() {
        Random random = new Random(16);
        byte[] alphabet = {0x09, 0x0B, (byte) 0x8A, 0x00, (byte) 0xFF, (byte) 0x80, 0x0A, 'a', '"', '}'};
        for (int run = 0; run < 20_000; run++) {
            byte[] buffer = new byte[random.nextInt(64)];
            for (int i = 0; i < buffer.length; i++) {
                buffer[i] = random.nextInt(8) == 0 ? 0x0A : alphabet[random.nextInt(alphabet.length)];
            }
            int from = buffer.length == 0 ? 0 : random.nextInt(buffer.length);
            int to = from + random.nextInt(buffer.length - from + 1);
            assertThat(LineBreaks.next(buffer, from, to)).isEqualTo(naive(buffer, from, to));
        }
        byte[] text = "{\"name\":\"東京 branch 😀\",\"data\":{\"a\":\"Zoë\"}}\n{}\n".getBytes(StandardCharsets.UTF_8);
        assertThat(LineBreaks.next(text, 0, text.length)).isEqualTo(naive(text, 0, text.length));
        int second = LineBreaks.next(text, naive(text, 0, text.length) + 1, text.length);
        assertThat(second).isEqualTo(text.length - 1);
    }
}
