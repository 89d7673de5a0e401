package io.github.eventsourcing.azure.storedformat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.eventsourcing.azure.actuate.internal.DeadLetterDetails;
import io.github.eventsourcing.azure.spi.DeadLetter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** The fields every version of a letter has: as the endpoint describes it, but for the later details. */
    static JsonNode json(List<DeadLetter> letters) {
        ArrayNode array = JSON.createArrayNode();
        for (DeadLetter letter : letters) {
            Map<String, Object> described = new LinkedHashMap<>(DeadLetterDetails.describe(letter));
            described.remove("details");
            array.add(JSON.valueToTree(described));
        }
        return array;
    }
}
