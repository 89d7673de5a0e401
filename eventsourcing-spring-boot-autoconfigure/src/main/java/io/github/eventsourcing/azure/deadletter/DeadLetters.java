package io.github.eventsourcing.azure.deadletter;

import io.github.eventsourcing.azure.spi.DeadLetter;

import java.util.List;
import java.util.Optional;

/**
 * The dead-letter record: work set aside after it kept failing, across every store the application routes to, until
 * it is retried or skipped here or through the Actuator endpoint {@code eventsourcingdeadletters}. Each letter has a
 * {@link DeadLetter#kind() kind}, and what retry and skip mean is the kind's:
 * <ul>
 *   <li>{@value DeadLetter#NOTIFICATION}: notifications that could not be built or published after
 *       {@code eventsourcing.notifications.dispatch.max-attempts}. While a stream has one, its later notifications wait
 *       behind it (their order is kept; other streams go on). Retry publishes them again from the stream's published
 *       mark, with a fresh count of attempts; skip records them as published without publishing them.</li>
 *   <li>{@value DeadLetter#COMMAND}: a command whose step or compensation failed with errors
 *       {@code eventsourcing.commands.max-attempts} times in a row; it is not resumed meanwhile, and holds back nothing
 *       else (its stream's notifications go on). Retry makes it resumable again, with a fresh count of attempts for
 *       that step; skip gives the step up (see the README's commands section).</li>
 * </ul>
 */
public interface DeadLetters {

    /** Every dead letter, of every kind, oldest first failure first. */
    List<DeadLetter> list();

    /** The dead letters of one {@link DeadLetter#kind() kind}, oldest first failure first. */
    default List<DeadLetter> list(String kind) {
        return list().stream().filter(letter -> letter.kind().equals(kind)).toList();
    }

    /** The dead letter with this id, if there is one. */
    Optional<DeadLetter> find(String id);

    /**
     * Makes the work go again, as the letter's kind says, and removes the letter.
     *
     * @return the dead letter retried; empty when there is none with this id
     * @throws IllegalStateException the letter's kind is not handled by this application (e.g. a command letter where
     *                               no handler of the command's type is)
     */
    Optional<DeadLetter> retry(String id);

    /**
     * Gives the work up, as the letter's kind says, and removes the letter.
     *
     * @return the dead letter skipped; empty when there is none with this id
     * @throws IllegalStateException the letter's kind is not handled by this application
     */
    Optional<DeadLetter> skip(String id);
}
