package io.github.eventsourcing.azure.command;

import io.github.eventsourcing.azure.command.event.InstanceOutcomesRecorded;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The collated results of a command's fan-out steps: each instance's outcome, and the count of each outcome. An
 * ordinary projection of the command's stream, so it can be read while the step runs and as of any time.
 */
@ProjectionName("Fan-out Results")
public class FanOutResults {

    /** The outcome of an instance whose errors outlasted the retry passes. */
    public static final String FAILED = "failed";

    private final Map<String, Map<String, InstanceOutcomesRecorded.Outcome>> byStep = new LinkedHashMap<>();

    @EventHandler
    public void on(InstanceOutcomesRecorded recorded) {
        Map<String, InstanceOutcomesRecorded.Outcome> outcomes = byStep.computeIfAbsent(recorded.step(),
                step -> new LinkedHashMap<>());
        // The first record of an instance stands: the library records each once, and a fold must not count twice.
        recorded.outcomes().forEach(outcome -> outcomes.putIfAbsent(outcome.key(), outcome));
    }

    /** Each instance's outcome in the step, by instance key, in the order they were recorded. */
    public Map<String, InstanceOutcomesRecorded.Outcome> outcomesOf(String step) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byStep.getOrDefault(step, Map.of())));
    }

    /** How many instances of the step had each outcome, by outcome (sorted). */
    public Map<String, Integer> countsOf(String step) {
        Map<String, Integer> counts = new TreeMap<>();
        byStep.getOrDefault(step, Map.of()).values().forEach(outcome -> counts.merge(outcome.outcome(), 1,
                Integer::sum));
        return counts;
    }

    /** How many instances of the step have an outcome. */
    public int recordedIn(String step) {
        return byStep.getOrDefault(step, Map.of()).size();
    }
}
