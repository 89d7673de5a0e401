package io.github.eventsourcing.azure.deadletter.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.spi.DeadLetter;
import io.github.eventsourcing.azure.stream.StreamId;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dead letter as named text fields, the form every backend stores (Table properties, a blob's JSON), so that both
 * layouts name the same fields the same way.
 *
 * <p>The field {@code Details} (a JSON object of strings, left out when a letter has none) came later without a new
 * format version: it is optional, and readers of version 1 that do not know it read the rest alike (and leave alone
 * the kinds they do not know), so instances of both versions can share the letters during an upgrade.
 */
public final class DeadLetterFields {

    /** Oldest first failure first, then by id: the order {@code DeadLetterStore.list()} promises. */
    public static final Comparator<DeadLetter> OLDEST_FIRST = Comparator.comparing(DeadLetter::firstFailedAt)
            .thenComparing(DeadLetter::id);

    /** The layout version of the fields below. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> TEXTS = new TypeReference<>() {
    };

    private DeadLetterFields() {
    }

    public static Map<String, String> of(DeadLetter letter) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("FormatVersion", String.valueOf(FORMAT_VERSION));
        fields.put("Id", letter.id());
        fields.put("Kind", letter.kind());
        fields.put("Domain", letter.stream().domain());
        fields.put("EntityType", letter.stream().entityType());
        fields.put("InstanceKey", letter.stream().instanceKey());
        fields.put("FromSequence", String.valueOf(letter.fromSequence()));
        fields.put("ToSequence", String.valueOf(letter.toSequence()));
        fields.put("Attempts", String.valueOf(letter.attempts()));
        fields.put("LastError", letter.lastError());
        fields.put("FirstFailedAt", letter.firstFailedAt().toString());
        fields.put("LastFailedAt", letter.lastFailedAt().toString());
        if (!letter.details().isEmpty()) {
            try {
                fields.put("Details", JSON.writeValueAsString(letter.details()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A map of strings is always JSON", e);
            }
        }
        return fields;
    }

    /** The dead letter the fields describe; refuses fields of a newer layout than this code knows. */
    public static DeadLetter toDeadLetter(Map<String, ?> fields) {
        int version = Integer.parseInt(text(fields, "FormatVersion"));
        if (version > FORMAT_VERSION) {
            throw new IllegalStateException("Dead letter " + fields.get("Id") + " is stored in format version "
                    + version + "; this version of the library reads up to " + FORMAT_VERSION);
        }
        return new DeadLetter(text(fields, "Id"), text(fields, "Kind"), StreamId.of(text(fields, "Domain"),
                text(fields, "EntityType"), text(fields, "InstanceKey")), Long.parseLong(text(fields, "FromSequence")),
                Long.parseLong(text(fields, "ToSequence")), Integer.parseInt(text(fields, "Attempts")),
                text(fields, "LastError"), Instant.parse(text(fields, "FirstFailedAt")),
                Instant.parse(text(fields, "LastFailedAt")), details(fields));
    }

    private static Map<String, String> details(Map<String, ?> fields) {
        Object details = fields.get("Details");
        if (details == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(details.toString(), TEXTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Dead letter " + fields.get("Id") + " has details that are not a JSON "
                    + "object of strings", e);
        }
    }

    private static String text(Map<String, ?> fields, String name) {
        Object value = fields.get(name);
        if (value == null) {
            throw new IllegalStateException("A stored dead letter lacks its " + name);
        }
        return value.toString();
    }
}
