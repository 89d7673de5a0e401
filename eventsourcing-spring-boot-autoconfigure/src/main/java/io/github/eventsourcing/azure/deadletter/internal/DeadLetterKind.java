package io.github.eventsourcing.azure.deadletter.internal;

import io.github.eventsourcing.azure.spi.DeadLetter;
import io.github.eventsourcing.azure.spi.DeadLetterStore;

/**
 * The rules of one kind of dead letter ({@link DeadLetter#kind()}): what retrying and skipping one of its letters
 * means. One implementation per kind; {@link StoredDeadLetters} hands each letter to its kind's.
 */
public interface DeadLetterKind {

    /** The kind whose letters these rules handle. */
    String kind();

    /** Makes the work go again, and removes the letter from its store once that is recorded. */
    void retry(DeadLetter letter, DeadLetterStore store);

    /** Gives the work up, as the kind's rules say, and removes the letter from its store once that is recorded. */
    void skip(DeadLetter letter, DeadLetterStore store);
}
