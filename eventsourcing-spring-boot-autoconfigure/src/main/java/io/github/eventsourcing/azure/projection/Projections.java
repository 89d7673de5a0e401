package io.github.eventsourcing.azure.projection;

import io.github.eventsourcing.azure.stream.StreamId;

import java.util.List;
import java.util.Map;

/** Runs projections and classifications over streams on demand (the auto-configured bean). */
public interface Projections {

    default <S> ProjectionResult<S> project(StreamId id, Class<S> projection) {
        return project(id, projection, ProjectionOptions.LATEST);
    }

    <S> ProjectionResult<S> project(StreamId id, Class<S> projection, ProjectionOptions options);

    default <C> ClassificationResult<C> classify(StreamId id, Class<C> classification, Map<String, ?> parameters) {
        return classify(id, classification, parameters, ProjectionOptions.LATEST);
    }

    <C> ClassificationResult<C> classify(StreamId id, Class<C> classification, Map<String, ?> parameters,
                                         ProjectionOptions options);

    /**
     * Continues a classification from an earlier result, applying only the events after it. Pass the parameters the
     * earlier result was computed with: its verdict so far is kept as it is, so other values would judge only the
     * newer events by them (to judge the whole stream by new values, classify it afresh).
     */
    <C> ClassificationResult<C> classify(ClassificationResult<C> previous, Map<String, ?> parameters);

    /** The instance keys of a domain/entity that the classification includes, sorted. */
    List<String> instanceKeysIncludedBy(StreamId.StreamType type, Class<?> classification, Map<String, ?> parameters);

    /** The name under which a projection or classification class is known ({@link ProjectionName}). */
    static String nameOf(Class<?> projection) {
        ProjectionName name = projection.getAnnotation(ProjectionName.class);
        return name != null ? name.value() : projection.getSimpleName();
    }
}
