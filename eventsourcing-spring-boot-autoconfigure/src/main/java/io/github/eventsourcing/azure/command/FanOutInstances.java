package io.github.eventsourcing.azure.command;

import io.github.eventsourcing.azure.stream.StreamId;

import java.util.Map;
import java.util.Objects;

/**
 * The instances a fan-out step runs over: every instance key of a domain/entity, or the keys a classification
 * includes. They are listed when the step (re)starts, so instances created meanwhile are included by a resumed run.
 */
public final class FanOutInstances {

    private final StreamId.StreamType type;
    private final Class<?> classification;
    private final Map<String, ?> parameters;

    private FanOutInstances(StreamId.StreamType type, Class<?> classification, Map<String, ?> parameters) {
        this.type = Objects.requireNonNull(type, "type");
        this.classification = classification;
        this.parameters = Map.copyOf(parameters);
    }

    /** Every instance of the domain/entity. */
    public static FanOutInstances everyInstanceOf(StreamId.StreamType type) {
        return new FanOutInstances(type, null, Map.of());
    }

    /** The instances of the domain/entity the classification includes, with the given parameters. */
    public static FanOutInstances includedBy(StreamId.StreamType type, Class<?> classification,
                                             Map<String, ?> parameters) {
        return new FanOutInstances(type, Objects.requireNonNull(classification, "classification"), parameters);
    }

    public StreamId.StreamType type() {
        return type;
    }

    /** The classification that selects the instances; null for every instance. */
    public Class<?> classification() {
        return classification;
    }

    public Map<String, ?> parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        return classification == null ? "every " + type : type + " included by " + classification.getSimpleName()
                + (parameters.isEmpty() ? "" : " " + new java.util.TreeMap<>(parameters));
    }
}
