package io.github.eventsourcing.azure.command.internal;

import io.github.eventsourcing.azure.command.CommandExecution;
import io.github.eventsourcing.azure.command.event.CommandClaimRenewed;
import io.github.eventsourcing.azure.command.event.CommandClaimed;
import io.github.eventsourcing.azure.projection.ProjectionOptions;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;
import io.github.eventsourcing.azure.stream.EventStream;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * This instance's hold on one command. Everything it records goes in at the version it knows (fencing): when another
 * instance claimed the command in between, the append fails, the holder reads what happened and, finding another
 * claim, stops with a {@link ClaimLostException} instead of recording anything. Other writers' events that leave the
 * claim standing (a cancellation request) only make it read and try again.
 */
final class Claim {

    private final EventStream stream;
    private final Projections projections;
    private final Clock clock;
    private final Duration duration;
    private final String claimId;
    private ProjectionResult<CommandExecution> state;
    private long version;
    /** Set by {@link #end}: the run recorded how it ended, and the claim is not renewed any more. */
    private boolean ended;

    private Claim(EventStream stream, Projections projections, Clock clock, Duration duration, String claimId,
                  ProjectionResult<CommandExecution> state, long version) {
        this.stream = stream;
        this.projections = projections;
        this.clock = clock;
        this.duration = duration;
        this.claimId = claimId;
        this.state = state;
        this.version = version;
    }

    /**
     * Claims the command, appending the claim at the version {@code state} was read at.
     *
     * @return empty when another writer got in first
     */
    static Optional<Claim> take(EventStream stream, ProjectionResult<CommandExecution> state, String owner,
                                Projections projections, Clock clock, Duration duration) {
        String claimId = UUID.randomUUID().toString();
        try {
            long version = stream.append(new CommandClaimed(owner, claimId, clock.instant().plus(duration)),
                    AppendOptions.expectingVersion(state.asOfSequence())).version();
            return Optional.of(new Claim(stream, projections, clock, duration, claimId, state, version));
        } catch (ConcurrencyConflictException e) {
            return Optional.empty();
        }
    }

    /**
     * Records events at the version this holder knows.
     *
     * @return the sequence of the last event recorded
     * @throws ClaimLostException another instance claimed the command since
     */
    synchronized long record(Object... events) {
        while (true) {
            try {
                version = stream.append(List.of(events), AppendOptions.expectingVersion(version)).version();
                return version;
            } catch (ConcurrencyConflictException e) {
                refresh();
            }
        }
    }

    /**
     * Records an event unless a cancellation was requested, as of the version it is appended at: a forward step is
     * only started when no cancellation came before it.
     *
     * @return false when a cancellation was requested (nothing was recorded)
     */
    synchronized boolean recordUnlessCancellationRequested(Object event) {
        while (!cancellationRequested()) {
            try {
                version = stream.append(event, AppendOptions.expectingVersion(version)).version();
                return true;
            } catch (ConcurrencyConflictException e) {
                refresh();
            }
        }
        return false;
    }

    /**
     * Records how this run ends (completed, failed, cancelled, set aside); from then on the claim is not renewed, so
     * a renewal that was due at the same moment cannot follow the end in the stream.
     *
     * @return the sequence of the event recorded
     */
    synchronized long end(Object event) {
        long sequence = record(event);
        ended = true;
        return sequence;
    }

    /** Extends the claim by its duration from now, unless the run has {@linkplain #end ended}. */
    synchronized void renew() {
        if (!ended) {
            record(new CommandClaimRenewed(claimId, clock.instant().plus(duration)));
        }
    }

    /** True when a cancellation was requested (as of the last time this holder read the stream). */
    synchronized boolean cancellationRequested() {
        return state.state().isCancellationRequested();
    }

    private void refresh() {
        state = projections.project(stream.id(), CommandExecution.class, ProjectionOptions.resumingFrom(state));
        if (!claimId.equals(state.state().getClaimId())) {
            throw new ClaimLostException(stream.id());
        }
        version = state.asOfSequence();
    }
}
