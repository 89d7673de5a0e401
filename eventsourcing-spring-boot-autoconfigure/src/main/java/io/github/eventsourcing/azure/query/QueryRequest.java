package io.github.eventsourcing.azure.query;

import io.github.eventsourcing.azure.projection.Projections;

import java.util.Map;
import java.util.Objects;

/**
 * What a query asks of each target: the state of a projection (the value returned is the state as JSON), or whether
 * a classification includes it (the value returned is the JSON boolean {@code true} or {@code false}).
 */
public final class QueryRequest {

    private final Class<?> type;
    private final boolean classification;
    private final Map<String, ?> parameters;

    private QueryRequest(Class<?> type, boolean classification, Map<String, ?> parameters) {
        this.type = Objects.requireNonNull(type, "type");
        this.classification = classification;
        this.parameters = Map.copyOf(parameters);
    }

    /** The state of the projection, folded from each target's stream. */
    public static QueryRequest projection(Class<?> projection) {
        return new QueryRequest(projection, false, Map.of());
    }

    /** Whether the classification, with the given parameters, includes each target. */
    public static QueryRequest classification(Class<?> classification, Map<String, ?> parameters) {
        return new QueryRequest(classification, true, parameters);
    }

    /** The projection or classification class. */
    public Class<?> type() {
        return type;
    }

    public boolean isClassification() {
        return classification;
    }

    /** The classification's parameters; empty for a projection. */
    public Map<String, ?> parameters() {
        return parameters;
    }

    /** How the request is recorded in the query's stream, e.g. {@code projection Account Balance}. */
    @Override
    public String toString() {
        return (classification ? "classification " : "projection ") + Projections.nameOf(type)
                + (parameters.isEmpty() ? "" : " " + new java.util.TreeMap<>(parameters));
    }
}
