package io.github.eventsourcing.azure.spi;

import java.util.List;
import java.util.Optional;

/**
 * Where a backend keeps {@link DeadLetter}s: in the same storage as its streams, so that they survive restarts and
 * every application instance sees them. Off the append path: nothing here is read or written by an append.
 *
 * <p>Offered by a store's {@link EventStore#deadLetters()}. Dead letters are few (each stands for work that keeps
 * failing), so listing them all is cheap enough for a health check.
 */
public interface DeadLetterStore {

    /** Stores the dead letter, replacing one with the same id. */
    void save(DeadLetter deadLetter);

    /** Every dead letter of this store, oldest first failure first. */
    List<DeadLetter> list();

    /** The dead letter with this id, if there is one. */
    Optional<DeadLetter> find(String id);

    /** Removes the dead letter; false when there was none with this id. */
    boolean remove(String id);
}
