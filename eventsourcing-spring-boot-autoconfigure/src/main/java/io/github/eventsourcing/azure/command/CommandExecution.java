package io.github.eventsourcing.azure.command;

import io.github.eventsourcing.azure.command.event.CommandCancellationRequested;
import io.github.eventsourcing.azure.command.event.CommandCancelled;
import io.github.eventsourcing.azure.command.event.CommandClaimRenewed;
import io.github.eventsourcing.azure.command.event.CommandClaimed;
import io.github.eventsourcing.azure.command.event.CommandCompleted;
import io.github.eventsourcing.azure.command.event.CommandCreated;
import io.github.eventsourcing.azure.command.event.CommandDeadLettered;
import io.github.eventsourcing.azure.command.event.CommandFailed;
import io.github.eventsourcing.azure.command.event.CommandRetried;
import io.github.eventsourcing.azure.command.event.CommandStepCompleted;
import io.github.eventsourcing.azure.command.event.CommandStepFailed;
import io.github.eventsourcing.azure.command.event.CommandStepInitiated;
import io.github.eventsourcing.azure.command.event.CommandStepSkipped;
import io.github.eventsourcing.azure.command.event.FatalErrorOccurred;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;
import io.github.eventsourcing.azure.stream.RecordedEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The execution state of a command: its status, its steps, who holds it and until when. An ordinary projection, so it
 * can be read as of any time ({@code ProjectionOptions.asOf}).
 */
@ProjectionName("Execution State")
public class CommandExecution {

    private String commandType;
    private Instant createdAt;
    private Instant endedAt;
    private CommandStatus status = CommandStatus.PENDING;
    private String reason;
    private boolean cancellationRequested;
    private String claimOwner;
    private String claimId;
    private Instant claimExpiresAt;
    private final Map<String, StepRecord> steps = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private final List<String> completedInOrder = new ArrayList<>();
    private final Set<String> skipped = new LinkedHashSet<>();
    private DeadLettered deadLettered;

    @EventHandler
    public void on(CommandCreated created, RecordedEvent event) {
        commandType = created.commandType();
        createdAt = event.writtenAt();
    }

    @EventHandler
    public void on(CommandClaimed claimed) {
        claimOwner = claimed.owner();
        claimId = claimed.claimId();
        claimExpiresAt = claimed.expiresAt();
    }

    @EventHandler
    public void on(CommandClaimRenewed renewed) {
        if (renewed.claimId().equals(claimId)) {
            claimExpiresAt = renewed.expiresAt();
        }
    }

    @EventHandler
    public void on(CommandStepInitiated initiated, RecordedEvent event) {
        attempts.merge(initiated.step(), 1, Integer::sum);
        steps.put(initiated.step(), new StepRecord(initiated.step(), initiated.compensates(), StepStatus.RUNNING,
                event.writtenAt()));
    }

    @EventHandler
    public void on(CommandStepCompleted completed, RecordedEvent event) {
        StepRecord step = steps.get(completed.step());
        steps.put(completed.step(), new StepRecord(completed.step(), step == null ? null : step.compensates(),
                StepStatus.COMPLETED, event.writtenAt()));
        outputs.put(completed.step(), completed.outputs());
        if (!completedInOrder.contains(completed.step())) {
            completedInOrder.add(completed.step());
        }
    }

    @EventHandler
    public void on(CommandStepFailed failed, RecordedEvent event) {
        StepRecord step = steps.get(failed.step());
        steps.put(failed.step(), new StepRecord(failed.step(), step == null ? null : step.compensates(),
                StepStatus.FAILED, event.writtenAt()));
        if (failed.forGood() && reason == null) {
            reason = failed.reason();
        }
    }

    @EventHandler
    public void on(FatalErrorOccurred fatal) {
        if (reason == null) {
            reason = "error";
        }
    }

    /** Set aside: the claim is released, so that whoever retries or skips it can resume it at once. */
    @EventHandler
    public void on(CommandDeadLettered lettered, RecordedEvent event) {
        deadLettered = new DeadLettered(lettered.step(), lettered.attempts(), lettered.lastError(), event.sequence(),
                event.writtenAt());
        releaseClaim();
    }

    @EventHandler
    public void on(CommandRetried retried) {
        attempts.remove(retried.step());
        deadLettered = null;
    }

    @EventHandler
    public void on(CommandStepSkipped skip) {
        skipped.add(skip.step());
        StepRecord step = steps.get(skip.step());
        if (reason == null && (step == null || step.compensates() == null)) {
            reason = "error"; // a forward step given up, as after a fatal error
        }
        deadLettered = null;
    }

    @EventHandler
    public void on(CommandCancellationRequested requested) {
        if (!status.isTerminal()) {
            cancellationRequested = true;
        }
    }

    @EventHandler
    public void on(CommandCompleted completed, RecordedEvent event) {
        end(CommandStatus.COMPLETED, event);
        reason = null;
    }

    @EventHandler
    public void on(CommandFailed failed, RecordedEvent event) {
        end(failed.compensated() ? CommandStatus.COMPENSATED : CommandStatus.FAILED, event);
        reason = failed.reason();
    }

    @EventHandler
    public void on(CommandCancelled cancelled, RecordedEvent event) {
        end(CommandStatus.CANCELLED, event);
        reason = null;
    }

    private void end(CommandStatus terminal, RecordedEvent event) {
        status = terminal;
        endedAt = event.writtenAt();
        releaseClaim();
    }

    private void releaseClaim() {
        claimOwner = null;
        claimId = null;
        claimExpiresAt = null;
    }

    public String getCommandType() {
        return commandType;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /** When it reached its terminal status; null while pending. */
    public Instant getEndedAt() {
        return endedAt;
    }

    public CommandStatus getStatus() {
        return status;
    }

    /** Why it failed (the refusing step's reason, or {@code error}), also while it is still compensating. */
    public String getReason() {
        return reason;
    }

    /** True when cancellation was requested while it was pending. */
    public boolean isCancellationRequested() {
        return cancellationRequested;
    }

    public String getClaimOwner() {
        return claimOwner;
    }

    public String getClaimId() {
        return claimId;
    }

    public Instant getClaimExpiresAt() {
        return claimExpiresAt;
    }

    /** Every step and compensation that started, in the order they first started, each with its latest status. */
    public List<StepRecord> getSteps() {
        return List.copyOf(steps.values());
    }

    /** The steps and compensations that completed, in the order they completed. */
    public List<String> getCompletedSteps() {
        return List.copyOf(completedInOrder);
    }

    public boolean isCompleted(String step) {
        return outputs.containsKey(step);
    }

    /** How many times the step started (since its dead letter was last retried). */
    public int attemptsOf(String step) {
        return attempts.getOrDefault(step, 0);
    }

    /** The steps and compensations given up when their dead letters were skipped. */
    public Set<String> getSkippedSteps() {
        return Set.copyOf(skipped);
    }

    /** Why it is set aside in the dead-letter record; null unless it is (then it is not resumed). */
    public DeadLettered getDeadLettered() {
        return deadLettered;
    }

    /** The outputs of each completed step. */
    public Map<String, Map<String, String>> getOutputs() {
        return Map.copyOf(outputs);
    }

    /**
     * A command set aside in the dead-letter record.
     *
     * @param step      the step or compensation that kept failing
     * @param attempts  how many times it ran
     * @param lastError its last error's message
     * @param sequence  the sequence of the event that set it aside (its dead letter is named after it)
     * @param at        when it was set aside
     */
    public record DeadLettered(String step, int attempts, String lastError, long sequence, Instant at) {
    }

    /**
     * One step or compensation.
     *
     * @param name        its name
     * @param compensates for a compensation, the step it undoes; null for a forward step
     * @param status      its latest status
     * @param at          when it reached that status
     */
    public record StepRecord(String name, String compensates, StepStatus status, Instant at) {
    }
}
