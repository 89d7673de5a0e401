package io.github.eventsourcing.azure.blob.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.eventsourcing.azure.spi.EventRecord;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.WriteContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The stored form of events: one line of JSON per event (newline-delimited JSON), all lines of one append in one
 * block, so they land atomically. A line:
 *
 * <pre>{"seq":7,"id":"5f0c…","commit":"Qk3x…","name":"Money Deposited","schema":1,"at":"2026-11-27T10:15:30.123Z",
 *  "ctx":{"who":"alice","correlationId":"c-1"},"data":{"amount":10}}</pre>
 *
 * <p>{@code commit} is the random id of the append that wrote the line (the same on every line of a block), which is
 * how an append recognizes its own block after a lost response. {@code ctx} holds only the context values that are
 * set. {@code data} is the event's JSON embedded as a value, byte for byte as the serializer wrote it (a raw line
 * break, which JSON allows only as white space, is stored as a space), and is the last field, so a reader can take
 * it as a slice of the line without parsing it.
 */
final class RecordFormat {

    private static final JsonFactory JSON = new JsonFactory();
    private static final byte NEWLINE = '\n';

    private RecordFormat() {
    }

    /** The block of one append: its events at sequences {@code firstSequence...}, each line ending in a newline. */
    static byte[] encodeBlock(List<EventRecord> events, long firstSequence, Instant writtenAt, WriteContext context,
                              String commitId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(estimateSize(events));
        long sequence = firstSequence;
        for (EventRecord event : events) {
            try (JsonGenerator json = JSON.createGenerator(out)) {
                json.writeStartObject();
                json.writeNumberField("seq", sequence++);
                json.writeStringField("id", event.eventId());
                json.writeStringField("commit", commitId);
                json.writeStringField("name", event.eventName());
                json.writeNumberField("schema", event.schemaVersion());
                json.writeStringField("at", writtenAt.toString());
                writeContext(json, context);
                json.writeFieldName("data");
                json.writeRawValue(new String(singleLineJson(event), StandardCharsets.UTF_8));
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.write(NEWLINE);
        }
        return out.toByteArray();
    }

    private static int estimateSize(List<EventRecord> events) {
        int size = 0;
        for (EventRecord event : events) {
            size += event.data().length + 256;
        }
        return size;
    }

    private static void writeContext(JsonGenerator json, WriteContext context) throws IOException {
        if (WriteContext.EMPTY.equals(context)) {
            return;
        }
        json.writeObjectFieldStart("ctx");
        writeIfSet(json, "who", context.who());
        writeIfSet(json, "source", context.source());
        writeIfSet(json, "commentary", context.commentary());
        writeIfSet(json, "correlationId", context.correlationId());
        writeIfSet(json, "causationId", context.causationId());
        writeIfSet(json, "traceParent", context.traceParent());
        writeIfSet(json, "requestFingerprint", context.requestFingerprint());
        json.writeEndObject();
    }

    private static void writeIfSet(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }

    /**
     * The event's JSON, checked to be exactly one JSON value (anything else would corrupt the line and every read of
     * the stream), with line breaks, which can only be white space in valid JSON, turned into spaces.
     */
    private static byte[] singleLineJson(EventRecord event) {
        byte[] data = event.data();
        try (JsonParser parser = JSON.createParser(data)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("Event '" + event.eventName() + "' has no JSON data");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("The data of event '" + event.eventName()
                        + "' holds more than one JSON value");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("The data of event '" + event.eventName() + "' is not valid JSON: "
                    + e.getMessage(), e);
        }
        byte[] line = null;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n' || data[i] == '\r') {
                if (line == null) {
                    line = Arrays.copyOf(data, data.length);
                }
                line[i] = ' ';
            }
        }
        return line == null ? data : line;
    }

    /**
     * One stored line (without its newline), decoded but for the event data, which stays a slice of the buffer. A
     * read of many lines decodes them with one {@link Decoder} instead.
     *
     * @throws IllegalStateException when the line is not a record of this format
     */
    static Line decode(byte[] buffer, int offset, int length) {
        return new Decoder().decode(buffer, offset, length);
    }

    /**
     * Decodes the lines of one read, in order. The lines of one block repeat their commit id, write time and context,
     * and a stream's lines repeat a few event names, so the decoder keeps the last value of each with the bytes it
     * was read from, and hands it out again when the next line has the same bytes there: a long stream is read
     * without building the same strings and times again for every line. Not thread-safe: one per read.
     */
    static final class Decoder {

        private final LineReader reader = new LineReader();

        /** @throws IllegalStateException when the line is not a record of this format */
        Line decode(byte[] buffer, int offset, int length) {
            Line line = reader.decodeAsWritten(buffer, offset, length);
            return line != null ? line : decodeWithParser(buffer, offset, length);
        }
    }

    /** Any line of this format, whatever its field order, white space or escapes. */
    private static Line decodeWithParser(byte[] buffer, int offset, int length) {
        long sequence = 0;
        String eventId = null;
        String commitId = null;
        String eventName = null;
        int schemaVersion = 0;
        Instant writtenAt = null;
        WriteContext context = WriteContext.EMPTY;
        int dataStart = -1;
        int dataEnd = -1;
        try (JsonParser parser = JSON.createParser(buffer, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw corrupt("a line does not start a JSON object", null);
            }
            while (dataStart < 0 && parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "seq" -> sequence = parser.getLongValue();
                    case "id" -> eventId = parser.getText();
                    case "commit" -> commitId = parser.getText();
                    case "name" -> eventName = parser.getText();
                    case "schema" -> schemaVersion = parser.getIntValue();
                    case "at" -> writtenAt = parseInstant(parser.getText());
                    case "ctx" -> context = readContext(parser);
                    case "data" -> {
                        // The last field: its value runs to the line's closing brace. It was checked to be one JSON
                        // value when written, and the serializer parses it anyway, so it is not tokenized here too.
                        dataStart = offset + (int) parser.currentTokenLocation().getByteOffset();
                        dataEnd = closingBrace(buffer, dataStart, offset + length);
                    }
                    default -> parser.skipChildren(); // a field a later version added
                }
            }
        } catch (IOException | RuntimeException e) {
            throw corrupt(e.getMessage(), e);
        }
        return line(sequence, eventId, commitId, eventName, schemaVersion, writtenAt, context, buffer, dataStart,
                dataEnd);
    }

    private static Line line(long sequence, String eventId, String commitId, String eventName, int schemaVersion,
                             Instant writtenAt, WriteContext context, byte[] buffer, int dataStart, int dataEnd) {
        if (sequence < 1 || eventId == null || eventName == null || writtenAt == null || dataStart < 0) {
            throw corrupt("a record lacks one of seq, id, name, at, data", null);
        }
        return new Line(sequence, eventId, commitId, eventName, schemaVersion, writtenAt, context, buffer, dataStart,
                dataEnd);
    }

    /**
     * Reads a line byte by byte as {@link #encodeBlock} writes it: the fields in its order, no white space, numbers
     * without sign, strings without escapes. That is nearly every stored line, and reading it so costs well under
     * what setting up and running a JSON parser per line costs, which was nearly half the CPU time of folding a long
     * stream. Whatever else it meets (an escape, a field a later version added, another order) it leaves to the
     * parser.
     */
    private static final class LineReader {

        private static final byte[] SEQ = field("{\"seq\":");
        private static final byte[] ID = field(",\"id\":");
        private static final byte[] COMMIT = field(",\"commit\":");
        private static final byte[] NAME = field(",\"name\":");
        private static final byte[] SCHEMA = field(",\"schema\":");
        private static final byte[] AT = field(",\"at\":");
        private static final byte[] CTX = field(",\"ctx\":");
        private static final byte[] DATA = field(",\"data\":");
        private static final byte[][] CONTEXT_FIELDS = {field("\"who\":"), field("\"source\":"),
                field("\"commentary\":"), field("\"correlationId\":"), field("\"causationId\":"),
                field("\"traceParent\":"), field("\"requestFingerprint\":")};

        private final Repeated<String> commitIds = new Repeated<>();
        private final Repeated<String> eventNames = new Repeated<>();
        private final Repeated<Instant> times = new Repeated<>();
        private final Repeated<WriteContext> contexts = new Repeated<>();
        private byte[] buffer;
        private int end;
        private int position;

        private static byte[] field(String text) {
            return text.getBytes(StandardCharsets.US_ASCII);
        }

        /** The line, or null when it is not written exactly as this class writes lines. */
        Line decodeAsWritten(byte[] buffer, int offset, int length) {
            this.buffer = buffer;
            this.position = offset;
            this.end = offset + length;
            if (!skip(SEQ)) {
                return null;
            }
            long sequence = number();
            String eventId = skip(ID) ? string() : null;
            String commitId = skip(COMMIT) ? repeated(commitIds, this::string) : null;
            String eventName = eventId != null && skip(NAME) ? repeated(eventNames, this::string) : null;
            long schemaVersion = eventName != null && skip(SCHEMA) ? number() : -1;
            Instant writtenAt = schemaVersion >= 0 && schemaVersion <= Integer.MAX_VALUE && skip(AT)
                    ? repeated(times, this::time) : null;
            WriteContext context = writtenAt != null && skip(CTX) ? repeated(contexts, this::context)
                    : WriteContext.EMPTY;
            if (sequence < 0 || writtenAt == null || context == null || !skip(DATA)) {
                return null;
            }
            int dataStart = position;
            return line(sequence, eventId, commitId, eventName, (int) schemaVersion, writtenAt, context, buffer,
                    dataStart, closingBrace(buffer, dataStart, end));
        }

        /**
         * The value that starts here: the one last read if this line has the same bytes where that one was read
         * (the value's bytes end with its closing quote or brace, so the same bytes are the same value), else read
         * anew and kept.
         */
        private <T> T repeated(Repeated<T> last, Supplier<T> read) {
            int start = position;
            if (last.value != null && end - start >= last.bytes.length
                    && Arrays.equals(buffer, start, start + last.bytes.length, last.bytes, 0, last.bytes.length)) {
                position = start + last.bytes.length;
                return last.value;
            }
            T value = read.get();
            if (value != null) {
                last.bytes = Arrays.copyOfRange(buffer, start, position);
                last.value = value;
            }
            return value;
        }

        /** A time as {@link Instant#toString()} writes it, or null when it is not one (the parser says why). */
        private Instant time() {
            String text = string();
            try {
                return text == null ? null : parseInstant(text);
            } catch (DateTimeException notATime) {
                return null;
            }
        }

        // Each loop works on locals and writes the position back once: the JIT keeps locals in registers.

        private boolean skip(byte[] expected) {
            int at = position;
            if (end - at < expected.length) {
                return false;
            }
            for (int i = 0; i < expected.length; i++) {
                if (buffer[at + i] != expected[i]) {
                    return false;
                }
            }
            position = at + expected.length;
            return true;
        }

        /** Digits, or -1 when there are none or too many to be a long. */
        private long number() {
            int start = position;
            int at = start;
            long value = 0;
            while (at < end && at - start < 18 && buffer[at] >= '0' && buffer[at] <= '9') {
                value = value * 10 + (buffer[at++] - '0');
            }
            position = at;
            return at == start || at < end && buffer[at] >= '0' && buffer[at] <= '9' ? -1 : value;
        }

        /** A string without escapes (JSON's writer escapes only quotes, backslashes and control characters). */
        private String string() {
            int start = position + 1;
            if (start > end || buffer[start - 1] != '"') {
                return null;
            }
            int at = start;
            while (at < end && buffer[at] != '"') {
                if (buffer[at] == '\\') {
                    return null;
                }
                at++;
            }
            if (at >= end) {
                return null;
            }
            position = at + 1;
            return new String(buffer, start, at - start, StandardCharsets.UTF_8);
        }

        /** The context object with its fields in the order they are written; null when not so. */
        private WriteContext context() {
            if (position >= end || buffer[position++] != '{') {
                return null;
            }
            String[] values = new String[CONTEXT_FIELDS.length];
            int next = 0;
            boolean first = true;
            while (position < end && buffer[position] != '}') {
                if (!first && buffer[position++] != ',') {
                    return null;
                }
                first = false;
                while (next < CONTEXT_FIELDS.length && !skip(CONTEXT_FIELDS[next])) {
                    next++;
                }
                if (next == CONTEXT_FIELDS.length || (values[next++] = string()) == null) {
                    return null;
                }
            }
            if (position++ >= end) {
                return null;
            }
            return new WriteContext(values[0], values[1], values[2], values[3], values[4], values[5], values[6]);
        }
    }

    /** The value a {@link LineReader} read last from one field, and the bytes it read it from. */
    private static final class Repeated<T> {
        private byte[] bytes;
        private T value;
    }

    /**
     * Reads a time as {@link Instant#toString()} writes it ({@code 2026-11-27T10:15:30.123Z}, 0 to 9 fraction
     * digits) without a {@code DateTimeFormatter}, which would be a measurable share of reading a long stream; any
     * other form goes to {@link Instant#parse}.
     */
    static Instant parseInstant(String text) {
        int length = text.length();
        if (length >= 20 && length != 21 && length <= 30 && text.charAt(4) == '-' && text.charAt(7) == '-'
                && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':'
                && text.charAt(length - 1) == 'Z' && (length == 20 || text.charAt(19) == '.')) {
            try {
                long seconds = LocalDate.of(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2)).toEpochDay()
                        * 86_400 + LocalTime.of(digits(text, 11, 2), digits(text, 14, 2), digits(text, 17, 2))
                        .toSecondOfDay();
                int nanos = 0;
                if (length > 20) {
                    int fractionDigits = length - 21;
                    nanos = digits(text, 20, fractionDigits);
                    for (int i = fractionDigits; i < 9; i++) {
                        nanos *= 10;
                    }
                }
                return Instant.ofEpochSecond(seconds, nanos);
            } catch (NumberFormatException | DateTimeException notThisForm) {
                // fall through to the general parser, which says what is wrong
            }
        }
        return Instant.parse(text);
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Where the data value ends: before the line's closing brace and the white space around it. */
    private static int closingBrace(byte[] buffer, int dataStart, int lineEnd) {
        int end = lineEnd;
        while (end > dataStart && isWhiteSpace(buffer[end - 1])) {
            end--;
        }
        if (end <= dataStart || buffer[end - 1] != '}') {
            throw corrupt("a line does not end its JSON object after the data", null);
        }
        end--;
        while (end > dataStart && isWhiteSpace(buffer[end - 1])) {
            end--;
        }
        if (end <= dataStart) {
            throw corrupt("a record's data is empty", null);
        }
        return end;
    }

    private static boolean isWhiteSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static WriteContext readContext(JsonParser parser) throws IOException {
        String who = null;
        String source = null;
        String commentary = null;
        String correlationId = null;
        String causationId = null;
        String traceParent = null;
        String requestFingerprint = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "who" -> who = parser.getText();
                case "source" -> source = parser.getText();
                case "commentary" -> commentary = parser.getText();
                case "correlationId" -> correlationId = parser.getText();
                case "causationId" -> causationId = parser.getText();
                case "traceParent" -> traceParent = parser.getText();
                case "requestFingerprint" -> requestFingerprint = parser.getText();
                default -> parser.skipChildren(); // a field a later version added
            }
        }
        return new WriteContext(who, source, commentary, correlationId, causationId, traceParent,
                requestFingerprint);
    }

    private static IllegalStateException corrupt(String detail, Throwable cause) {
        return new IllegalStateException("An event stream blob holds a line that is not an event record ("
                + detail + "); was it written by something else?", cause);
    }

    /** A decoded line; {@link #toStoredEvent()} copies the data out of the read buffer. */
    record Line(long sequence, String eventId, String commitId, String eventName, int schemaVersion,
                Instant writtenAt, WriteContext context, byte[] buffer, int dataStart, int dataEnd) {

        StoredEvent toStoredEvent() {
            return new StoredEvent(sequence, eventId, eventName, schemaVersion, writtenAt, context,
                    Arrays.copyOfRange(buffer, dataStart, dataEnd));
        }
    }
}
