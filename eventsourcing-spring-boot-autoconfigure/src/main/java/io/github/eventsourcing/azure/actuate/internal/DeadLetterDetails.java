package io.github.eventsourcing.azure.actuate.internal;

import io.github.eventsourcing.azure.spi.DeadLetter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Dead letters as health details and endpoint answers: the same names everywhere. */
public final class DeadLetterDetails {

    private DeadLetterDetails() {
    }

    /**
     * The health details of some dead letters: their number and the oldest ({@code deadLetters},
     * {@code oldestDeadLetter}); {@code "unknown: ..."} when they cannot be listed, which leaves the rest of the check
     * as it is.
     */
    public static Map<String, Object> of(Supplier<List<DeadLetter>> deadLetters) {
        List<DeadLetter> letters;
        try {
            letters = deadLetters.get();
        } catch (RuntimeException e) {
            return Map.of("deadLetters", "unknown: " + e.getMessage());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("deadLetters", letters.size());
        if (!letters.isEmpty()) {
            details.put("oldestDeadLetter", describe(letters.get(0)));
        }
        return details;
    }

    /** One dead letter, every field. */
    public static Map<String, Object> describe(DeadLetter letter) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("id", letter.id());
        described.put("kind", letter.kind());
        described.put("domain", letter.stream().domain());
        described.put("entityType", letter.stream().entityType());
        described.put("instanceKey", letter.stream().instanceKey());
        described.put("fromSequence", letter.fromSequence());
        described.put("toSequence", letter.toSequence());
        described.put("attempts", letter.attempts());
        described.put("lastError", letter.lastError());
        described.put("firstFailedAt", letter.firstFailedAt().toString());
        described.put("lastFailedAt", letter.lastFailedAt().toString());
        described.put("details", letter.details());
        return described;
    }
}
