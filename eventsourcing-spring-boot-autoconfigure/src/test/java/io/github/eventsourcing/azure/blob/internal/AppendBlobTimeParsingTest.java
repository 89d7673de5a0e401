package io.github.eventsourcing.azure.blob.internal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("AppendBlob: reading stored write times")
class AppendBlobTimeParsingTest {

    @Test
    @DisplayName("every time as Instant.toString writes it reads back exactly, whatever its fraction digits")
    void roundTrip() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L); // years 1 to 9999
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant time = Instant.ofEpochSecond(seconds, nanos);
            assertThat(RecordFormat.parseInstant(time.toString())).as(time.toString()).isEqualTo(time);
        }
    }

    @Test
    @DisplayName("any other text reads exactly as Instant.parse reads it, or fails as it fails")
    void otherFormsAsInstantParse() {
        for (String text : new String[]{"2026-11-27T10:15:30.1Z", "+10000-01-01T00:00:00Z", "2026-02-30T10:15:30Z",
                "2026-11-27T24:15:30Z", "2026-11-27T10:15:30.Z", "2026-11-2xT10:15:30Z", "2026-11-27T10:15:60Z",
                "2026-11-27 10:15:30Z", "2026-11-27T10:15:30.1234567891Z", ""}) {
            Object expected;
            try {
                expected = Instant.parse(text);
            } catch (DateTimeParseException e) {
                expected = DateTimeParseException.class;
            }
            if (expected instanceof Instant instant) {
                assertThat(RecordFormat.parseInstant(text)).as(text).isEqualTo(instant);
            } else {
                assertThatThrownBy(() -> RecordFormat.parseInstant(text)).as(text)
                        .isInstanceOf(DateTimeParseException.class);
            }
        }
    }
}
