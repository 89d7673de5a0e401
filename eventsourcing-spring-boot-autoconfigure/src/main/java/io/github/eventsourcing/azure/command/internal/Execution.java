package io.github.eventsourcing.azure.command.internal;

import io.github.eventsourcing.azure.command.CommandExecution;
import io.github.eventsourcing.azure.command.CommandFailure;
import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.Step;
import io.github.eventsourcing.azure.command.event.CommandCancelled;
import io.github.eventsourcing.azure.command.event.CommandCompleted;
import io.github.eventsourcing.azure.command.event.CommandDeadLettered;
import io.github.eventsourcing.azure.command.event.CommandFailed;
import io.github.eventsourcing.azure.command.event.CommandStepCompleted;
import io.github.eventsourcing.azure.command.event.CommandStepFailed;
import io.github.eventsourcing.azure.command.event.CommandStepInitiated;
import io.github.eventsourcing.azure.command.internal.DeclaredSteps.StepDefinition;
import io.github.eventsourcing.azure.concurrent.internal.Backoff;
import io.github.eventsourcing.azure.stream.StreamId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One run of a claimed command, from where its stream says it is to its end: forward steps in order, then either
 * completion, or (after a refusal, a fatal error or a cancellation) the compensations of the completed steps in
 * reverse order and the matching end. Every record goes through the {@link Claim}, so a holder that lost the command
 * stops at its next record.
 */
final class Execution<P> {

    private static final Backoff RETRY = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 0.5, 1.0);

    private final CommandType type;
    private final String commandId;
    private final DeclaredSteps<P> steps;
    private final P parameters;
    private final Claim claim;
    private final CommandRunner runner;
    private final Set<String> completed;
    private final Set<String> skipped;
    private final Map<String, Integer> attempts = new HashMap<>();
    private final Map<String, Map<String, String>> outputs;
    private String failure;

    Execution(CommandType type, String commandId, DeclaredSteps<P> steps, P parameters, CommandExecution state,
              Claim claim, CommandRunner runner) {
        this.type = type;
        this.commandId = commandId;
        this.steps = steps;
        this.parameters = parameters;
        this.claim = claim;
        this.runner = runner;
        this.completed = new LinkedHashSet<>(state.getCompletedSteps());
        this.skipped = state.getSkippedSteps();
        this.outputs = new LinkedHashMap<>(state.getOutputs());
        this.failure = state.getReason();
        for (StepDefinition<P> step : steps.steps()) {
            attempts.put(step.name(), state.attemptsOf(step.name()));
            if (step.compensationName() != null) {
                attempts.put(step.compensationName(), state.attemptsOf(step.compensationName()));
            }
        }
    }

    /**
     * Runs to the command's end.
     *
     * @throws SetAsideException a step or compensation kept failing: the command is set aside as a dead letter
     */
    void run() {
        while (failure == null) {
            var next = steps.next(completed);
            if (next.isEmpty()) {
                // Also when a cancellation came after the last step: it lost the race, the command completed.
                claim.end(new CommandCompleted());
                return;
            }
            if (claim.cancellationRequested()) {
                boolean compensated = compensate();
                claim.end(new CommandCancelled(compensated));
                return;
            }
            runForward(next.get());
        }
        boolean compensated = compensate();
        claim.end(new CommandFailed(failure, compensated));
    }

    private void runForward(StepDefinition<P> step) {
        int attempt = attempts.get(step.name()) + 1;
        if (!claim.recordUnlessCancellationRequested(new CommandStepInitiated(step.name(), null, attempt))) {
            return; // the loop compensates
        }
        attempts.put(step.name(), attempt);
        Throwable error = run(step.name(), null, step.action(), attempt);
        if (error instanceof CommandFailure refusal) {
            failure = refusal.reason();
        } else if (error != null) {
            failedWithError(step.name(), attempt, error);
        }
    }

    /**
     * Pauses before the next attempt; once the step ran out of attempts, sets the command aside as a dead letter
     * instead (it stays open, and no instance resumes it until the letter is retried or skipped).
     */
    private void failedWithError(String step, int attempt, Throwable error) {
        if (attempt < runner.settings().maxAttempts()) {
            RETRY.pause(attempt);
            return;
        }
        String message = String.valueOf(error.getMessage());
        long setAsideAt = claim.end(new CommandDeadLettered(step, attempt, message));
        runner.deadLetters().file(commandStream(), setAsideAt, step, attempt, message);
        throw new SetAsideException();
    }

    private StreamId commandStream() {
        return type.instance(commandId);
    }

    /**
     * Undoes the completed steps, last first; a compensation given up (its dead letter skipped) is left out.
     *
     * @return true when any step was undone (so the command's effects were, too)
     */
    private boolean compensate() {
        List<StepDefinition<P>> undo = new ArrayList<>(steps.steps());
        java.util.Collections.reverse(undo);
        boolean any = false;
        for (StepDefinition<P> step : undo) {
            if (step.compensation() == null || !completed.contains(step.name())) {
                continue;
            }
            while (!completed.contains(step.compensationName()) && !skipped.contains(step.compensationName())) {
                int attempt = attempts.merge(step.compensationName(), 1, Integer::sum);
                claim.record(new CommandStepInitiated(step.compensationName(), step.name(), attempt));
                Throwable error = run(step.compensationName(), step.name(), step.compensation(), attempt);
                if (error != null) {
                    // A compensation is never given up by itself: only a person skipping its dead letter does.
                    failedWithError(step.compensationName(), attempt, error);
                }
            }
            any |= completed.contains(step.compensationName());
        }
        return any;
    }

    /** Runs one (started) step's code and records its end; the error it failed with, or null. */
    private Throwable run(String name, String compensates, Step<P> action, int attempt) {
        runner.pausePoint("after-start-of-" + name, commandId);
        RunningStep<P> context = runner.context(type, commandId, name, attempt, parameters, outputs, claim);
        Throwable error = runner.observeStep(type, name, () -> action.run(context));
        if (error instanceof ClaimLostException lost) {
            throw lost;
        }
        if (error == null) {
            runner.pausePoint("before-completion-of-" + name, commandId);
            claim.record(new CommandStepCompleted(name, context.recordedOutputs()));
            completed.add(name);
            outputs.put(name, Map.copyOf(context.recordedOutputs()));
            runner.pausePoint("after-completion-of-" + name, commandId);
            return null;
        }
        boolean forGood = error instanceof CommandFailure && compensates == null;
        String reason = error instanceof CommandFailure refusal ? refusal.reason() : String.valueOf(error);
        claim.record(new CommandStepFailed(name, reason, forGood));
        return error;
    }

    /** A step or compensation kept failing: the command is set aside as a dead letter, and stays open. */
    static final class SetAsideException extends RuntimeException {
        SetAsideException() {
            super(null, null, false, false);
        }
    }
}
