package io.github.eventsourcing.azure.command.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventsourcing.azure.command.FanOutInstances;
import io.github.eventsourcing.azure.command.FanOutResults;
import io.github.eventsourcing.azure.command.InstanceStep;
import io.github.eventsourcing.azure.command.Step;
import io.github.eventsourcing.azure.command.StepContext;
import io.github.eventsourcing.azure.command.event.InstanceOutcomesRecorded;
import io.github.eventsourcing.azure.command.event.InstanceOutcomesRecorded.Outcome;
import io.github.eventsourcing.azure.concurrent.internal.Backoff;
import io.github.eventsourcing.azure.stream.NewEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A step that runs an {@link InstanceStep} over many instances: the instances without a recorded outcome, in passes
 * (the first, then the retry passes over those that failed with errors), with at most {@code parallelism} in flight.
 * Outcomes are recorded through the claim in batches; an instance whose effect was written but whose outcome was not
 * recorded (a crash in between) runs again, finds its effect by its derived id and reports its outcome then, once.
 * A step made with {@link #returningValues} records each instance's value with its outcome (a query's fan-out).
 */
public final class FanOutStep<P> implements Step<P> {

    private static final Logger log = LoggerFactory.getLogger(FanOutStep.class);

    private static final Backoff BETWEEN_PASSES = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.5, 1.0);

    /** A failure's reason is shortened to this, so that a batch of outcomes stays far below the event size limit. */
    static final int MAX_REASON_LENGTH = 200;

    /**
     * A batch is recorded once its outcomes' text reaches this, whatever their number: with instance keys of up to
     * 512 characters, a batch stays well within the smallest event size limit a backend is given by default.
     */
    static final int MAX_BATCH_CHARS = 32 * 1024;

    private final String name;
    /** Which instances, for the command's parameters. */
    private final Function<P, FanOutInstances> instances;
    private final ValueStep<P> action;

    FanOutStep(String name, Function<P, FanOutInstances> instances, InstanceStep<P> action) {
        this(name, instances, (ValueStep<P>) (context, instance) -> new InstanceValue(action.run(context, instance),
                null, null));
    }

    private FanOutStep(String name, Function<P, FanOutInstances> instances, ValueStep<P> action) {
        this.name = name;
        this.instances = instances;
        this.action = action;
    }

    /**
     * A fan-out step whose instances each return a value, recorded with the instance's outcome (declare it with
     * {@code CommandSteps.step(name, ...)} under the same name).
     */
    public static <P> FanOutStep<P> returningValues(String name, Function<P, FanOutInstances> instances,
                                                    ValueStep<P> action) {
        return new FanOutStep<>(name, instances, action);
    }

    /** The code run for one instance of a step that returns values. */
    @FunctionalInterface
    public interface ValueStep<P> {
        InstanceValue run(StepContext<P> step, StreamId instance) throws Exception;
    }

    /**
     * What one instance returned.
     *
     * @param outcome as an {@link InstanceStep}'s outcome
     * @param value   the value; null for none
     * @param version the version of the instance the value was read at; null for none
     */
    public record InstanceValue(String outcome, JsonNode value, Long version) {
    }

    @Override
    public void run(StepContext<P> context) throws Exception {
        RunningStep<P> step = (RunningStep<P>) context;
        FanOutInstances targets = Objects.requireNonNull(instances.apply(step.parameters()),
                () -> "The instances of fan-out step " + name + " are null");
        Set<String> done = step.projections().project(step.commandStream(), FanOutResults.class).state()
                .outcomesOf(name).keySet();
        List<String> pending = new ArrayList<>();
        for (String key : keys(step, targets)) {
            if (!done.contains(key)) {
                pending.add(key);
            }
        }
        int lastPass = 1 + step.fanOuts().settings().retryPasses();
        for (int pass = 1; !pending.isEmpty(); pass++) {
            if (pass > 1) {
                log.info("{} of {} failed in pass {} of step {}; trying them again", pending.size(), targets,
                        pass - 1, name);
                BETWEEN_PASSES.pause(pass - 1);
            }
            pending = new Pass(step, targets, pass, pass == lastPass).run(pending);
        }
    }

    private List<String> keys(RunningStep<P> step, FanOutInstances targets) {
        if (targets.classification() == null) {
            List<String> keys = new ArrayList<>();
            step.streams().forEachInstanceKey(targets.type(), keys::add);
            return keys;
        }
        return step.projections().instanceKeysIncludedBy(targets.type(), targets.classification(),
                targets.parameters());
    }

    /** One pass over some instances; returns those to try again. */
    private final class Pass {

        private final RunningStep<P> step;
        private final FanOutInstances targets;
        private final int number;
        private final boolean last;
        private final FanOutSettings settings;
        private final BlockingQueue<Result> results = new LinkedBlockingQueue<>();
        private final List<Outcome> batch = new ArrayList<>();
        private final List<String> failed = new ArrayList<>();
        private int batchChars;
        private long batchStartedAt;

        Pass(RunningStep<P> step, FanOutInstances targets, int number, boolean last) {
            this.step = step;
            this.targets = targets;
            this.number = number;
            this.last = last;
            this.settings = step.fanOuts().settings();
        }

        List<String> run(List<String> keys) throws InterruptedException {
            Iterator<String> next = keys.iterator();
            int inFlight = 0;
            while (next.hasNext() || inFlight > 0) {
                while (inFlight < settings.parallelism() && next.hasNext()) {
                    submit(next.next());
                    inFlight++;
                }
                Result result = results.poll(settings.recordInterval().toMillis(), TimeUnit.MILLISECONDS);
                while (result != null) {
                    inFlight--;
                    take(result);
                    if (batchFull()) {
                        record(); // at once: results that queued up meanwhile must not overfill one event
                    }
                    result = results.poll();
                }
                if (!batch.isEmpty() && System.nanoTime() - batchStartedAt >= settings.recordInterval().toNanos()) {
                    record();
                }
            }
            if (!batch.isEmpty()) {
                record();
            }
            return failed;
        }

        private void submit(String key) {
            RunningStep<P> context = step.forInstance();
            step.fanOuts().pool().execute(() -> {
                try {
                    InstanceValue returned = action.run(context, targets.type().instance(key));
                    checked(returned.outcome());
                    results.add(new Result(key, returned, null));
                } catch (Exception e) {
                    results.add(new Result(key, null, e));
                } catch (Error e) {
                    results.add(new Result(key, null, e)); // the pass must not wait for it forever
                    throw e;
                }
            });
        }

        private void take(Result result) {
            if (result.error() instanceof ClaimLostException lost) {
                throw lost;
            }
            if (result.error() == null) {
                InstanceValue returned = result.returned();
                add(new Outcome(result.key(), returned.outcome(), null, number, returned.value(), returned.version()));
            } else if (last) {
                log.warn("Instance {} of step {} failed in every pass; recorded as failed", result.key(), name,
                        result.error());
                add(new Outcome(result.key(), FanOutResults.FAILED, reason(result.error()), number));
            } else {
                log.debug("Instance {} of step {} failed in pass {}", result.key(), name, number, result.error());
                failed.add(result.key());
            }
        }

        private boolean batchFull() {
            return batch.size() >= settings.outcomesPerEvent() || batchChars >= MAX_BATCH_CHARS;
        }

        private void add(Outcome outcome) {
            if (batch.isEmpty()) {
                batchStartedAt = System.nanoTime();
            }
            batch.add(outcome);
            batchChars += outcome.key().length() + outcome.outcome().length()
                    + (outcome.reason() == null ? 0 : outcome.reason().length())
                    + (outcome.value() == null ? 0 : outcome.value().toString().length()) + 64;
        }

        /** Records the batch; its id is derived from its instances, so a repeat of the same append writes nothing. */
        private void record() {
            List<String> keys = batch.stream().map(Outcome::key).toList();
            step.fanOuts().pausePoints().reached("before-outcomes-of-" + name, step.commandId());
            step.claim().record(NewEvent.of(new InstanceOutcomesRecorded(name, batch),
                    EffectIds.ofOutcomes(step.commandId(), name, keys)));
            batch.clear();
            batchChars = 0;
            step.fanOuts().pausePoints().reached("after-outcomes-of-" + name, step.commandId());
        }
    }

    private static String checked(String outcome) {
        if (outcome == null || outcome.isEmpty() || outcome.length() > 32 || FanOutResults.FAILED.equals(outcome)
                || !outcome.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
            throw new IllegalStateException("An instance's outcome must be 1 to 32 letters, digits, '-' and '_', "
                    + "and not '" + FanOutResults.FAILED + "'; the step returned '" + outcome + "'");
        }
        return outcome;
    }

    private static String reason(Throwable error) {
        String reason = String.valueOf(error);
        return reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH);
    }

    private record Result(String key, InstanceValue returned, Throwable error) {
    }
}
