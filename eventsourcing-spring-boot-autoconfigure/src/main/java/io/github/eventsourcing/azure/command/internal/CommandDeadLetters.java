package io.github.eventsourcing.azure.command.internal;

import io.github.eventsourcing.azure.command.CommandExecution;
import io.github.eventsourcing.azure.command.CommandExecution.DeadLettered;
import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.event.CommandRetried;
import io.github.eventsourcing.azure.command.event.CommandStepSkipped;
import io.github.eventsourcing.azure.deadletter.internal.DeadLetterKind;
import io.github.eventsourcing.azure.projection.ProjectionOptions;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.spi.DeadLetter;
import io.github.eventsourcing.azure.spi.DeadLetterStore;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The rules of command dead letters ({@value DeadLetter#COMMAND}).
 *
 * <p>The command's stream is the truth: the holder of its claim sets it aside by recording Command Dead Lettered
 * (fenced, so only one instance can), and then files a letter in the dead letters of the command's own store, named
 * after that event's sequence. Filing is therefore idempotent, and an instance that comes upon a command set aside
 * without its letter (the holder died in between) files the same letter. A retry records Command Retried, a skip
 * Command Step Skipped, each only while the command is still set aside by that letter; then the letter is removed
 * and the command resumed here.
 */
public final class CommandDeadLetters implements DeadLetterKind {

    private static final Logger log = LoggerFactory.getLogger(CommandDeadLetters.class);

    private final EventStoreRouter router;
    private final EventStreams streams;
    private final Projections projections;
    private final Clock clock;
    private final BiConsumer<CommandType, String> resume;
    /** The letters this process filed or found filed: each is looked for once per process, not at every resume. */
    private final Set<String> filed = ConcurrentHashMap.newKeySet();

    CommandDeadLetters(EventStoreRouter router, EventStreams streams, Projections projections, Clock clock,
                       BiConsumer<CommandType, String> resume) {
        this.router = router;
        this.streams = streams;
        this.projections = projections;
        this.clock = clock;
        this.resume = resume;
    }

    @Override
    public String kind() {
        return DeadLetter.COMMAND;
    }

    /** Files the letter of a command just set aside by its event at {@code sequence}. */
    void file(StreamId command, long sequence, String step, int attempts, String lastError) {
        DeadLetter letter = letterOf(command, new DeadLettered(step, attempts, lastError, sequence, clock.instant()));
        Optional<DeadLetterStore> store = storeOf(command);
        if (store.isEmpty()) {
            log.error("The command {} keeps failing in step '{}', and its store keeps no dead letters; it needs "
                    + "attention. Last error: {}", command, step, lastError);
            return;
        }
        try {
            if (!saveWhileSetAside(store.get(), letter)) {
                return;
            }
            filed.add(letter.id());
        } catch (RuntimeException e) {
            log.warn("Could not file the dead letter of {}; the next instance to come upon the command files it",
                    command, e);
            return;
        }
        log.warn("The command {} was set aside as dead letter {}: its step '{}' failed {} times in a row. Retry or "
                + "skip it. Last error: {}", command, letter.id(), step, attempts, lastError);
    }

    /** Files the letter of a command set aside unless it is filed already; looked for once per letter and process. */
    void fileIfMissing(StreamId command, DeadLettered lettered) {
        DeadLetter letter = letterOf(command, lettered);
        if (!filed.add(letter.id())) {
            return;
        }
        try {
            storeOf(command).filter(store -> store.find(letter.id()).isEmpty()).ifPresent(store -> {
                if (saveWhileSetAside(store, letter)) {
                    log.warn("Filed the missing dead letter {} of the command {}, set aside in step '{}'",
                            letter.id(), command, lettered.step());
                }
            });
        } catch (RuntimeException e) {
            filed.remove(letter.id()); // looked for again at the next resume
            throw e;
        }
    }

    /**
     * Saves the letter, then takes it back when the command is no longer set aside by it: a retry or skip may have
     * removed the letter just before this save, working from a state read earlier. Since a release records its
     * decision before it removes the letter, and this reads the command after it saved, one of the two removes it,
     * whatever the interleaving, and no letter outlives its command's release.
     *
     * @return whether the letter stays filed
     */
    private boolean saveWhileSetAside(DeadLetterStore store, DeadLetter letter) {
        store.save(letter);
        if (isSetAsideBy(projections.project(letter.stream(), CommandExecution.class), letter)) {
            return true;
        }
        store.remove(letter.id());
        return false;
    }

    @Override
    public void retry(DeadLetter letter, DeadLetterStore store) {
        release(letter, store, CommandRetried::new);
        log.info("Dead letter {} of the command {} retried: it is resumed", letter.id(), letter.stream());
    }

    @Override
    public void skip(DeadLetter letter, DeadLetterStore store) {
        release(letter, store, CommandStepSkipped::new);
        log.warn("Dead letter {} of the command {} skipped: its step '{}' is given up", letter.id(), letter.stream(),
                letter.detail(DeadLetter.STEP));
    }

    /**
     * Records the decision (at the version it was judged on) while the command is still set aside by this letter, then
     * removes the letter and resumes the command. A letter whose command moved on (retried or skipped already) is
     * only removed.
     */
    private void release(DeadLetter letter, DeadLetterStore store, Function<String, Object> decision) {
        StreamId command = letter.stream();
        ProjectionResult<CommandExecution> state = projections.project(command, CommandExecution.class);
        while (isSetAsideBy(state, letter)) {
            try {
                streams.stream(command).append(decision.apply(state.state().getDeadLettered().step()),
                        AppendOptions.expectingVersion(state.asOfSequence()));
                break;
            } catch (ConcurrencyConflictException e) {
                state = projections.project(command, CommandExecution.class, ProjectionOptions.resumingFrom(state));
            }
        }
        store.remove(letter.id());
        filed.remove(letter.id());
        resume.accept(new CommandType(command.domain(),
                command.entityType().substring(CommandType.ENTITY_PREFIX.length())), command.instanceKey());
    }

    private static boolean isSetAsideBy(ProjectionResult<CommandExecution> state, DeadLetter letter) {
        DeadLettered lettered = state.exists() ? state.state().getDeadLettered() : null;
        return lettered != null && lettered.sequence() == letter.fromSequence();
    }

    private static DeadLetter letterOf(StreamId command, DeadLettered lettered) {
        return new DeadLetter(DeadLetter.idOf(DeadLetter.COMMAND, command, lettered.sequence()), DeadLetter.COMMAND,
                command, lettered.sequence(), lettered.sequence(), lettered.attempts(), lettered.lastError(),
                lettered.at(), lettered.at(), Map.of(DeadLetter.STEP, lettered.step()));
    }

    private Optional<DeadLetterStore> storeOf(StreamId command) {
        return router.storeFor(command.type()).deadLetters();
    }
}
