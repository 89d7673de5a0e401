package io.github.eventsourcing.azure.storedformat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventsourcing.azure.spi.DeadLetter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The dead letters of a fixture as the writing code listed them: {@code letters.json}, one object per letter. */
final class DeadLetterFixtureJson {

    static final String LETTERS = "letters.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DeadLetterFixtureJson() {
    }

    static void write(Path dir, List<DeadLetter> letters) throws IOException {
        JSON.writeValue(dir.resolve(LETTERS).toFile(), json(letters));
    }

    static JsonNode read(Path dir) throws IOException {
        return JSON.readTree(dir.resolve(LETTERS).toFile());
    }

    /** The fields every version of a letter has. */
    static JsonNode json(List<DeadLetter> letters) {
        ArrayNode array = JSON.createArrayNode();
        for (DeadLetter letter : letters) {
            ObjectNode json = array.addObject();
            json.put("id", letter.id());
            json.put("kind", letter.kind());
            json.put("domain", letter.stream().domain());
            json.put("entityType", letter.stream().entityType());
            json.put("instanceKey", letter.stream().instanceKey());
            json.put("fromSequence", letter.fromSequence());
            json.put("toSequence", letter.toSequence());
            json.put("attempts", letter.attempts());
            json.put("lastError", letter.lastError());
            json.put("firstFailedAt", letter.firstFailedAt().toString());
            json.put("lastFailedAt", letter.lastFailedAt().toString());
        }
        return array;
    }
}
