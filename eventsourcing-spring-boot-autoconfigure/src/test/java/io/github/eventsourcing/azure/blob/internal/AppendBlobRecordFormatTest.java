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

    /** The lines of a block, decoded as a read decodes them: one decoder for all. */
    private static List<RecordFormat.Line> lines(byte[] block) {
        List<RecordFormat.Line> lines = new ArrayList<>();
        RecordFormat.Decoder decoder = new RecordFormat.Decoder();
        int start = 0;
        for (int i = 0; i < block.length; i++) {
            if (block[i] == '\n') {
                lines.add(decoder.decode(block, start, i - start));
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
    @DisplayName("a context field a later version adds is skipped, as readers before requestFingerprint skip that one")
    void unknownContextFieldsIgnored() {
        byte[] line = ("{\"seq\":3,\"id\":\"e\",\"name\":\"N\",\"schema\":1,\"at\":\"2026-11-27T10:15:30Z\","
                + "\"ctx\":{\"who\":\"alice\",\"future\":\"x\",\"traceParent\":\"00-abc-def-01\"},\"data\":[1,2]}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(RecordFormat.decode(line, 0, line.length).context())
                .isEqualTo(new WriteContext("alice", null, null, null, null, "00-abc-def-01"));
    }

    @Test
    @DisplayName("every write context, escaped or not, partial or full, reads back as written")
    void contexts() {
        List<WriteContext> contexts = List.of(WriteContext.EMPTY, new WriteContext("alice", null, null, null, null, null),
                new WriteContext(null, null, null, null, "cause-1", "00-abc-def-01"),
                new WriteContext("Zoë", "東京 branch", "a plain note", "corr-1", "cause-1", "00-abc-def-01"), CONTEXT,
                new WriteContext("back\\slash", null, "tab\tand \u0001", null, null, null),
                new WriteContext("alice", null, null, null, null, null, "sha256:Yp2Qe0vBqfZ1"));
        for (WriteContext context : contexts) {
            byte[] block = RecordFormat.encodeBlock(List.of(event("e-1", "{\"a\":1}"), event("e-2", "[]")), 41, AT,
                    context, "commit-1");
            assertThat(lines(block)).as("%s", context).extracting(RecordFormat.Line::toStoredEvent)
                    .extracting(StoredEvent::sequence, StoredEvent::eventId, StoredEvent::context)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(41L, "e-1", context),
                            org.assertj.core.groups.Tuple.tuple(42L, "e-2", context));
        }
    }

    @Test
    @DisplayName("a read's decoder hands a value of the line before on only where the bytes are the same")
    void decoderReusesOnlyWhatRepeats() {
        List<WriteContext> contexts = List.of(WriteContext.EMPTY, new WriteContext("a", null, null, null, null, null),
                new WriteContext("ab", null, null, null, null, null), new WriteContext("a}", null, null, null, null, null),
                new WriteContext("a", "b", null, null, null, null), CONTEXT);
        List<Instant> times = List.of(AT, Instant.parse("2026-11-27T10:15:30Z"), Instant.parse("2026-11-27T10:15:30.1Z"),
                AT.plusNanos(1));
        List<String> names = List.of("Money Deposited", "Money", "Money Deposited!");
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        long sequence = 1;
        for (int i = 0; i < 24; i++) {
            // Two lines per block, as an append of two events writes them; every field changes at another pace.
            String name = names.get(i % names.size());
            List<EventRecord> events = List.of(new EventRecord("e-" + sequence, name, 1, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)),
                    new EventRecord("e-" + (sequence + 1), name, 1, "[2]".getBytes(StandardCharsets.UTF_8)));
            stream.writeBytes(RecordFormat.encodeBlock(events, sequence, times.get(i % times.size()),
                    contexts.get(i % contexts.size()), i % 2 == 0 ? "c-1" : "c-10"));
            sequence += 2;
        }
        byte[] blocks = stream.toByteArray();

        List<RecordFormat.Line> read = lines(blocks);

        List<RecordFormat.Line> alone = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < blocks.length; i++) {
            if (blocks[i] == '\n') {
                alone.add(RecordFormat.decode(blocks, start, i - start));
                start = i + 1;
            }
        }
        assertThat(read).hasSize(48).extracting(line -> java.util.Arrays.asList(line.toStoredEvent().sequence(),
                        line.eventId(), line.commitId(), line.eventName(), line.writtenAt(), line.context()))
                .isEqualTo(alone.stream().map(line -> java.util.Arrays.asList(line.toStoredEvent().sequence(),
                        line.eventId(), line.commitId(), line.eventName(), line.writtenAt(), line.context())).toList());
        RecordFormat.Decoder decoder = new RecordFormat.Decoder();
        byte[] valid = ("{\"seq\":1,\"id\":\"e\",\"name\":\"N\",\"schema\":1,\"at\":\"2026-11-27T10:15:30Z\","
                + "\"data\":1}").getBytes(StandardCharsets.UTF_8);
        byte[] notATime = ("{\"seq\":2,\"id\":\"f\",\"name\":\"N\",\"schema\":1,\"at\":\"2026-11-27T10:15:30Zz\","
                + "\"data\":1}").getBytes(StandardCharsets.UTF_8);
        assertThat(decoder.decode(valid, 0, valid.length).writtenAt()).isEqualTo(Instant.parse("2026-11-27T10:15:30Z"));
        assertThatThrownBy(() -> decoder.decode(notATime, 0, notATime.length)).as("a time that only starts like the last one")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not an event record");
    }

    @Test
    @DisplayName("a record with white space, another field order or escaped strings reads the same as one as written")
    void otherSpellingsOfTheSameRecord() {
        for (String text : List.of(
                "{\"seq\":9,\"id\":\"e-9\",\"commit\":\"c\",\"name\":\"Money Deposited\",\"schema\":2,"
                        + "\"at\":\"2026-11-27T10:15:30.123Z\",\"ctx\":{\"who\":\"alice\"},\"data\":{\"a\":1}}",
                "{ \"seq\": 9, \"id\": \"e-9\", \"commit\": \"c\", \"name\": \"Money Deposited\", \"schema\": 2,"
                        + " \"at\": \"2026-11-27T10:15:30.123Z\", \"ctx\": {\"who\": \"alice\"}, \"data\": {\"a\":1} }",
                "{\"id\":\"e-9\",\"seq\":9,\"name\":\"Money Deposited\",\"commit\":\"c\",\"at\":\"2026-11-27T10:15:30.123Z\","
                        + "\"schema\":2,\"ctx\":{\"who\":\"alice\"},\"data\":{\"a\":1}}",
                "{\"seq\":9,\"id\":\"e\\u002d9\",\"commit\":\"c\",\"name\":\"Money\\u0020Deposited\",\"schema\":2,"
                        + "\"at\":\"2026-11-27T10:15:30.123Z\",\"ctx\":{\"who\":\"al\\u0069ce\"},\"data\":{\"a\":1}}")) {
            byte[] line = text.getBytes(StandardCharsets.UTF_8);
            StoredEvent event = RecordFormat.decode(line, 0, line.length).toStoredEvent();
            assertThat(event).as(text).isEqualTo(new StoredEvent(9, "e-9", "Money Deposited", 2, AT,
                    new WriteContext("alice", null, null, null, null, null), event.data()));
            assertThat(new String(event.data(), StandardCharsets.UTF_8)).as(text).isEqualTo("{\"a\":1}");
        }
    }

    @Test
    @DisplayName("a line that is not a record is reported as such, not misread")
    void notARecord() {
        for (String text : List.of("hello", "{\"seq\":1}", "[1]",
                "{\"seq\":0,\"id\":\"e\",\"name\":\"N\",\"schema\":1,\"at\":\"2026-11-27T10:15:30Z\",\"data\":1}",
                "{\"seq\":1,\"id\":\"e\",\"name\":\"N\",\"schema\":1,\"at\":\"yesterday\",\"data\":1}",
                "{\"seq\":1,\"id\":\"e\",\"name\":\"N\",\"schema\":1,\"at\":\"2026-11-27T10:15:30Z\",\"data\":1")) {
            byte[] line = text.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> RecordFormat.decode(line, 0, line.length)).as(text)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not an event record");
        }
    }
}
