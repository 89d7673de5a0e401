package io.github.eventsourcing.azure.benchmark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The records the AppendBlob backend writes (see the {@code blob} package documentation), built by hand as the raw
 * baselines write them: one line of JSON per event, the event's JSON last, each line ending in a line break.
 */
final class RawBlobRecords {

    private static final JsonFactory JSON = new JsonFactory();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RawBlobRecords() {
    }

    /** A random commit id, as the backend stores on every line of a block. */
    static String commitId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The block of one append: a line per event, from {@code firstSequence}. */
    static byte[] block(List<byte[]> events, List<String> eventIds, long firstSequence, Instant writtenAt,
                        String commitId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 256);
        for (int i = 0; i < events.size(); i++) {
            try (JsonGenerator json = JSON.createGenerator(out)) {
                json.writeStartObject();
                json.writeNumberField("seq", firstSequence + i);
                json.writeStringField("id", eventIds.get(i));
                json.writeStringField("commit", commitId);
                json.writeStringField("name", BenchEvents.NAME);
                json.writeNumberField("schema", 1);
                json.writeStringField("at", writtenAt.toString());
                json.writeFieldName("data");
                json.writeRawValue(new String(events.get(i), StandardCharsets.UTF_8));
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.write('\n');
        }
        return out.toByteArray();
    }

    static byte[] md5(byte[] block) {
        try {
            return MessageDigest.getInstance("MD5").digest(block);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
