package io.github.eventsourcing.azure.blob.internal;

import io.github.eventsourcing.azure.spi.EventRecord;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.WriteContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("AppendBlob: the stored record format")
class AppendBlobRecordFormatTest {

    private static final Instant AT = Instant.parse("2026-11-27T10:15:30.123Z");
    private static final WriteContext CONTEXT = new WriteContext("alice", "teller", "line\nbreak \"quoted\"", "corr-1",
            null, "00-abc-def-01");

    private static EventRecord event(String id, String json) {
        return new EventRecord(id, "Money Deposited", 2, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The lines of a block, decoded. */
    private static List<RecordFormat.Line> lines(byte[] block) {
        List<RecordFormat.Line> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < block.length; i++) {
            if (block[i] == '\n') {
                lines.add(RecordFormat.decode(block, start, i - start));
                start = i + 1;
            }
        }
        assertThat(start).as("the block ends with a line break").isEqualTo(block.length);
        return lines;
    }

    @Test
    @DisplayName("a block holds one line per event with every field, and reads back unchanged")
    void roundTrip() {
        byte[] block = RecordFormat.encodeBlock(List.of(event("e-1", "{\"amount\":1.50,\"z\":1,\"a\":[\"東京😀\"]}"),
                event("e-2", "\"just a string\"")), 7, AT, CONTEXT, "commit-1");

        List<RecordFormat.Line> lines = lines(block);
        assertThat(lines).hasSize(2);
        StoredEvent first = lines.get(0).toStoredEvent();
        assertThat(first.sequence()).isEqualTo(7);
        assertThat(first.eventId()).isEqualTo("e-1");
        assertThat(first.eventName()).isEqualTo("Money Deposited");
        assertThat(first.schemaVersion()).isEqualTo(2);
        assertThat(first.writtenAt()).isEqualTo(AT);
        assertThat(first.context()).isEqualTo(CONTEXT);
        assertThat(new String(first.data(), StandardCharsets.UTF_8))
                .as("byte for byte: number format and field order kept").isEqualTo("{\"amount\":1.50,\"z\":1,\"a\":[\"東京😀\"]}");
        assertThat(lines.get(0).commitId()).isEqualTo("commit-1");
        assertThat(lines.get(1).sequence()).isEqualTo(8);
        assertThat(lines.get(1).commitId()).isEqualTo("commit-1");
        assertThat(new String(lines.get(1).toStoredEvent().data(), StandardCharsets.UTF_8)).isEqualTo("\"just a string\"");
    }

    @Test
    @DisplayName("the event JSON is embedded as a JSON value, not as a string")
    void embeddedAsJson() {
        String line = new String(RecordFormat.encodeBlock(List.of(event("e-1", "{\"amount\":10}")), 1, AT,
                WriteContext.EMPTY, "c"), StandardCharsets.UTF_8);
        assertThat(line).endsWith(",\"data\":{\"amount\":10}}\n").doesNotContain("ctx");
    }

    @Test
    @DisplayName("an empty write context reads back as the empty context")
    void emptyContext() {
        byte[] block = RecordFormat.encodeBlock(List.of(event("e-1", "{}")), 1, AT, WriteContext.EMPTY, "c");
        assertThat(lines(block).get(0).context()).isEqualTo(WriteContext.EMPTY);
    }

    @Test
    @DisplayName("line breaks in the event JSON's white space become spaces, so a record stays one line")
    void multiLineJson() {
        byte[] block = RecordFormat.encodeBlock(List.of(event("e-1", "{\r\n  \"a\": 1\n}")), 1, AT, WriteContext.EMPTY,
                "c");
        assertThat(lines(block)).singleElement().satisfies(line ->
                assertThat(new String(line.toStoredEvent().data(), StandardCharsets.UTF_8)).isEqualTo("{    \"a\": 1 }"));
    }

    @Test
    @DisplayName("event data that is not exactly one JSON value is refused before anything is stored")
    void invalidJson() {
        for (String json : List.of("", "{\"a\":", "{} {}", "not json")) {
            assertThatThrownBy(() -> RecordFormat.encodeBlock(List.of(event("e-1", json)), 1, AT, WriteContext.EMPTY, "c"))
                    .as("data '%s'", json).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    @DisplayName("fields a later version adds are skipped when reading")
    void unknownFieldsIgnored() {
        byte[] line = ("{\"seq\":3,\"id\":\"e\",\"future\":{\"x\":[1]},\"name\":\"N\",\"schema\":1,"
                + "\"at\":\"2026-11-27T10:15:30Z\",\"data\":[1,2]}").getBytes(StandardCharsets.UTF_8);
        RecordFormat.Line decoded = RecordFormat.decode(line, 0, line.length);
        assertThat(decoded.sequence()).isEqualTo(3);
        assertThat(new String(decoded.toStoredEvent().data(), StandardCharsets.UTF_8)).isEqualTo("[1,2]");
    }

    @Test
    @DisplayName("a line that is not a record is reported as such, not misread")
    void notARecord() {
        for (String text : List.of("hello", "{\"seq\":1}", "[1]")) {
            byte[] line = text.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> RecordFormat.decode(line, 0, line.length)).as(text)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not an event record");
        }
    }
}
