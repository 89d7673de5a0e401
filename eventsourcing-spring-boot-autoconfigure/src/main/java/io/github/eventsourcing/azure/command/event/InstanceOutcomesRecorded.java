package io.github.eventsourcing.azure.command.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventsourcing.azure.stream.EventName;

import java.util.List;

/**
 * The outcomes of some instances of a fan-out step: many per event (so a run over thousands of instances stays a
 * stream of tens of events), each instance's outcome recorded once.
 */
@EventName("Instance Outcomes Recorded")
public record InstanceOutcomesRecorded(String step, List<Outcome> outcomes) {

    public InstanceOutcomesRecorded {
        outcomes = List.copyOf(outcomes);
    }

    /**
     * One instance's outcome.
     *
     * @param key     the instance key
     * @param outcome what the step made of it ({@code failed} when its errors outlasted the retry passes)
     * @param reason  for {@code failed}, the last error (shortened); null otherwise
     * @param pass    the pass it was reached in: 1, or higher in a retry pass
     * @param value   the value the instance returned, for a step that returns values (a query's); null otherwise,
     *                and in outcomes recorded before values were (both are left out of the stored JSON when null)
     * @param version the version (sequence) of the instance the value was read at; null when there is no value
     */
    public record Outcome(String key, String outcome, String reason, int pass, JsonNode value, Long version) {

        /** An outcome without a value (the outcome of an ordinary fan-out step). */
        public Outcome(String key, String outcome, String reason, int pass) {
            this(key, outcome, reason, pass, null, null);
        }
    }
}
