package io.github.eventsourcing.azure.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventsourcing.azure.command.event.InstanceOutcomesRecorded;
import io.github.eventsourcing.azure.projection.EventHandler;

import java.util.HashSet;
import java.util.Set;

/**
 * The collation of a query: a projection over the query's own stream that folds the values its targets returned
 * into the query's result. Subclass it with a public no-argument constructor (like any projection); the library
 * folds it when the targets have all returned, and records {@link #result()} as the query's result.
 *
 * <p>Each target's value is folded once, in the order the values were recorded, which is not the order of the
 * targets' keys: a result that must not depend on that order (ties!) is the subclass's to make so.
 *
 * @param <R> the result: a class the storage JSON mapper writes and reads (a record, say)
 */
public abstract class QueryCollation<R> {

    /** The name of the step in which the targets return their values. */
    public static final String VALUES_STEP = "values";

    private final Set<String> folded = new HashSet<>();

    @EventHandler
    public final void on(InstanceOutcomesRecorded recorded) {
        if (!VALUES_STEP.equals(recorded.step())) {
            return;
        }
        for (InstanceOutcomesRecorded.Outcome outcome : recorded.outcomes()) {
            if (outcome.value() != null && folded.add(outcome.key())) {
                collate(outcome.key(), outcome.version(), outcome.value());
            }
        }
    }

    /**
     * Folds one target's value.
     *
     * @param target  the target's instance key
     * @param version the target's version (sequence) the value was read at
     * @param value   the value returned (see {@link QueryRequest})
     */
    protected abstract void collate(String target, long version, JsonNode value);

    /** The result after the values folded so far; null for none (no targets, say). */
    public abstract R result();
}
