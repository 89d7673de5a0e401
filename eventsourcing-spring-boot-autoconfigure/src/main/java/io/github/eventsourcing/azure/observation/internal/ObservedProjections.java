package io.github.eventsourcing.azure.observation.internal;

import io.github.eventsourcing.azure.observation.ClassificationObservationContext;
import io.github.eventsourcing.azure.observation.ClassificationObservationConvention;
import io.github.eventsourcing.azure.observation.DefaultClassificationObservationConvention;
import io.github.eventsourcing.azure.observation.DefaultProjectionObservationConvention;
import io.github.eventsourcing.azure.observation.EventSourcingObservation;
import io.github.eventsourcing.azure.observation.ProjectionObservationContext;
import io.github.eventsourcing.azure.observation.ProjectionObservationConvention;
import io.github.eventsourcing.azure.projection.ClassificationResult;
import io.github.eventsourcing.azure.projection.ProjectionOptions;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.StreamId;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link Projections} that make an {@code eventsourcing.projection} or {@code eventsourcing.classification}
 * observation of every fold (see {@link EventSourcingObservation}). The fold's reads happen inside the observation's
 * scope, so with tracing they show up as its child spans.
 */
public final class ObservedProjections implements Projections {

    private static final ProjectionObservationConvention DEFAULT_PROJECTION_CONVENTION =
            new DefaultProjectionObservationConvention();
    private static final ClassificationObservationConvention DEFAULT_CLASSIFICATION_CONVENTION =
            new DefaultClassificationObservationConvention();

    private final Projections delegate;
    private final EventStoreRouter router;
    private final ObservationRegistry registry;
    private final ProjectionObservationConvention projectionConvention;
    private final ClassificationObservationConvention classificationConvention;

    /**
     * @param router                  tells which backend serves a domain/entity, for the {@code backend} key
     * @param projectionConvention    replaces the default projection names and keys; null for the default
     * @param classificationConvention replaces the default classification names and keys; null for the default
     */
    public ObservedProjections(Projections delegate, EventStoreRouter router, ObservationRegistry registry,
                               ProjectionObservationConvention projectionConvention,
                               ClassificationObservationConvention classificationConvention) {
        this.delegate = delegate;
        this.router = router;
        this.registry = registry;
        this.projectionConvention = projectionConvention;
        this.classificationConvention = classificationConvention;
    }

    /** The projections this one observes. */
    public Projections delegate() {
        return delegate;
    }

    @Override
    public <S> ProjectionResult<S> project(StreamId id, Class<S> projection, ProjectionOptions options) {
        ProjectionObservationContext context = new ProjectionObservationContext(id, Projections.nameOf(projection),
                backendOf(id.type()));
        Supplier<ProjectionObservationContext> supplier = () -> context;
        return EventSourcingObservation.PROJECTION
                .observation(projectionConvention, DEFAULT_PROJECTION_CONVENTION, supplier, registry)
                .observe(() -> {
                    ProjectionResult<S> result = delegate.project(id, projection, options);
                    context.asOfSequence(result.asOfSequence());
                    return result;
                });
    }

    @Override
    public <C> ClassificationResult<C> classify(StreamId id, Class<C> classification, Map<String, ?> parameters,
                                                ProjectionOptions options) {
        return classifyObserved(id, Projections.nameOf(classification),
                () -> delegate.classify(id, classification, parameters, options));
    }

    @Override
    public <C> ClassificationResult<C> classify(ClassificationResult<C> previous, Map<String, ?> parameters) {
        return classifyObserved(previous.streamId(), Projections.nameOf(previous.state().getClass()),
                () -> delegate.classify(previous, parameters));
    }

    @Override
    public List<String> instanceKeysIncludedBy(StreamId.StreamType type, Class<?> classification,
                                               Map<String, ?> parameters) {
        ClassificationObservationContext context = new ClassificationObservationContext(type, null,
                Projections.nameOf(classification), backendOf(type));
        return observation(context).observe(() -> delegate.instanceKeysIncludedBy(type, classification, parameters));
    }

    private <C> ClassificationResult<C> classifyObserved(StreamId id, String name,
                                                         Supplier<ClassificationResult<C>> classify) {
        ClassificationObservationContext context = new ClassificationObservationContext(id.type(), id.instanceKey(),
                name, backendOf(id.type()));
        return observation(context).observe(() -> {
            ClassificationResult<C> result = classify.get();
            context.completed(result.asOfSequence(), result.included());
            return result;
        });
    }

    private Observation observation(ClassificationObservationContext context) {
        Supplier<ClassificationObservationContext> supplier = () -> context;
        return EventSourcingObservation.CLASSIFICATION.observation(classificationConvention,
                DEFAULT_CLASSIFICATION_CONVENTION, supplier, registry);
    }

    private String backendOf(StreamId.StreamType type) {
        return router.storeFor(type).backendName();
    }
}
