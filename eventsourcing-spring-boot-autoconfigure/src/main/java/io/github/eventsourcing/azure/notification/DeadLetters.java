package io.github.eventsourcing.azure.notification;

import io.github.eventsourcing.azure.spi.DeadLetter;

import java.util.List;
import java.util.Optional;

/**
 * The notifications set aside because they could not be built or published after the configured number of attempts
 * ({@code eventsourcing.notifications.dispatch.max-attempts}), across every store the application routes to. While a
 * stream has a dead letter, its later notifications wait behind it (their order is kept; other streams go on), until
 * it is retried or skipped here or through the Actuator endpoint {@code eventsourcingdeadletters}.
 */
public interface DeadLetters {

    /** Every dead letter, oldest first failure first. */
    List<DeadLetter> list();

    /** The dead letter with this id, if there is one. */
    Optional<DeadLetter> find(String id);

    /**
     * Removes the dead letter and publishes its notifications again (and then the stream's later ones) from the
     * stream's published mark, with a fresh count of attempts.
     *
     * @return the dead letter retried; empty when there is none with this id
     */
    Optional<DeadLetter> retry(String id);

    /**
     * Records the dead letter's range (and any deletion notifications pending before it) as published without
     * publishing it, removes the dead letter and goes on with the stream's later notifications.
     *
     * @return the dead letter skipped; empty when there is none with this id
     */
    Optional<DeadLetter> skip(String id);
}
