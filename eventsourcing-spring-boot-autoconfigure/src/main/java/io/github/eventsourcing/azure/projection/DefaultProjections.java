package io.github.eventsourcing.azure.projection;

import io.github.eventsourcing.azure.core.DefaultEventStreams;
import io.github.eventsourcing.azure.core.EventTypeRegistry;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.ReadOptions;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Folds streams into projections and classifications on demand. Nothing is cached between calls: every result is
 * computed from the stream as it is now, so any number of application instances can read the same streams.
 */
public final class DefaultProjections implements Projections {

    private final EventStreams streams;
    private final EventTypeRegistry types;
    private final List<ProjectionListener> listeners;
    private final ConversionService conversion = DefaultConversionService.getSharedInstance();

    public DefaultProjections(EventStreams streams, EventTypeRegistry types, List<ProjectionListener> listeners) {
        this.streams = streams;
        this.types = types;
        this.listeners = List.copyOf(listeners);
    }

    /** Projections over streams opened by a {@link DefaultEventStreams}, whose event types it registers. */
    public DefaultProjections(EventStreams streams) {
        this(streams, streams instanceof DefaultEventStreams defaults ? defaults.serializer().types() : null, List.of());
    }

    @Override
    public <S> ProjectionResult<S> project(StreamId id, Class<S> projection, ProjectionOptions options) {
        HandlerMethods handlers = handlersOf(projection, false);
        Fold<S> fold = new Fold<>(id);
        if (options.resumeFrom() != null) {
            ProjectionResult<?> previous = options.resumeFrom();
            requireSameStream(id, previous.streamId(), projection, previous.state());
            fold.resume(projection.cast(previous.state()), previous.exists(), previous.asOfSequence(), previous.asOfTime());
        } else {
            fold.state = newInstance(projection);
        }
        fold.run(options, event -> handlers.apply(fold.state, event));
        ProjectionResult<S> result = new ProjectionResult<>(id, fold.exists, fold.state, fold.sequence, fold.time);
        String name = Projections.nameOf(projection);
        listeners.forEach(listener -> listener.projectionCompleted(name, result));
        return result;
    }

    @Override
    public <C> ClassificationResult<C> classify(StreamId id, Class<C> classification, Map<String, ?> parameters,
                                                ProjectionOptions options) {
        if (options.resumeFrom() != null) {
            throw new IllegalArgumentException("To resume a classification, pass its previous ClassificationResult to "
                    + "classify(previous, parameters)");
        }
        Fold<C> fold = new Fold<>(id);
        fold.state = newInstance(classification);
        return classify(fold, new Verdict(false, false, false), parameters, options);
    }

    @Override
    public <C> ClassificationResult<C> classify(ClassificationResult<C> previous, Map<String, ?> parameters) {
        Fold<C> fold = new Fold<>(previous.streamId());
        fold.resume(previous.state(), previous.exists(), previous.asOfSequence(), previous.asOfTime());
        Verdict verdict = new Verdict(previous.included(), previous.wasEverIncluded(), previous.wasEverExcluded());
        return classify(fold, verdict, parameters, ProjectionOptions.LATEST);
    }

    private <C> ClassificationResult<C> classify(Fold<C> fold, Verdict verdict, Map<String, ?> parameters,
                                                 ProjectionOptions options) {
        HandlerMethods handlers = handlersOf(fold.state.getClass(), true);
        injectParameters(fold.state, parameters);
        fold.run(options, event -> verdict.apply(handlers.apply(fold.state, event)));
        ClassificationResult<C> result = new ClassificationResult<>(fold.id, fold.exists, verdict.included,
                verdict.everIncluded, verdict.everExcluded, fold.state, fold.sequence, fold.time);
        String name = Projections.nameOf(fold.state.getClass());
        listeners.forEach(listener -> listener.classificationCompleted(name, result, parameters));
        return result;
    }

    @Override
    public List<String> instanceKeysIncludedBy(StreamId.StreamType type, Class<?> classification,
                                               Map<String, ?> parameters) {
        handlersOf(classification, true);
        List<String> keys = new ArrayList<>();
        streams.forEachInstanceKey(type, keys::add);
        List<String> included = new ArrayList<>();
        for (String key : keys) {
            if (classify(type.instance(key), classification, parameters).included()) {
                included.add(key);
            }
        }
        included.sort(null);
        return included;
    }

    private HandlerMethods handlersOf(Class<?> type, boolean classification) {
        HandlerMethods handlers = HandlerMethods.of(type, classification);
        if (types != null) {
            for (Class<?> eventType : handlers.eventTypes()) {
                if (eventType.isAnnotationPresent(EventName.class)) {
                    types.register(eventType);
                }
            }
        }
        return handlers;
    }

    private static void requireSameStream(StreamId id, StreamId previous, Class<?> type, Object state) {
        if (!id.equals(previous)) {
            throw new IllegalArgumentException("Cannot resume a projection of " + previous + " on stream " + id);
        }
        if (!type.isInstance(state)) {
            throw new IllegalArgumentException("Cannot resume " + type.getSimpleName() + " from a "
                    + state.getClass().getSimpleName());
        }
    }

    private void injectParameters(Object target, Map<String, ?> parameters) {
        for (Class<?> c = target.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                ClassificationParameter parameter = field.getAnnotation(ClassificationParameter.class);
                if (parameter == null || Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object value = parameters.get(parameter.value());
                if (value == null) {
                    if (parameter.required()) {
                        throw new IllegalArgumentException(target.getClass().getSimpleName() + " needs the parameter '"
                                + parameter.value() + "'");
                    }
                    continue;
                }
                Object converted;
                try {
                    converted = conversion.convert(value, field.getType());
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("Parameter '" + parameter.value() + "' of "
                            + target.getClass().getSimpleName() + " cannot be read as " + field.getType().getSimpleName()
                            + ": '" + value + "'", e);
                }
                try {
                    field.setAccessible(true);
                    field.set(target, converted);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static <T> T newInstance(Class<T> type) {
        try {
            Constructor<T> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " needs a no-argument constructor to start a fold", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create " + type.getName(), e);
        }
    }

    /** The running answer of a classification. */
    private static final class Verdict {
        private boolean included;
        private boolean everIncluded;
        private boolean everExcluded;

        Verdict(boolean included, boolean everIncluded, boolean everExcluded) {
            this.included = included;
            this.everIncluded = everIncluded;
            this.everExcluded = everExcluded;
        }

        void apply(Object decision) {
            if (decision == Classified.INCLUDE) {
                included = true;
                everIncluded = true;
            } else if (decision == Classified.EXCLUDE) {
                included = false;
                everExcluded = true;
            }
        }
    }

    /** One fold in progress: which events to read and what has been folded so far. */
    private final class Fold<S> {
        private final StreamId id;
        private S state;
        private boolean exists;
        private long sequence;
        private Instant time;

        Fold(StreamId id) {
            this.id = id;
        }

        void resume(S previousState, boolean previousExists, long previousSequence, Instant previousTime) {
            state = previousState;
            exists = previousExists;
            sequence = previousSequence;
            time = previousTime;
        }

        void run(ProjectionOptions options, java.util.function.Consumer<RecordedEvent> apply) {
            if (sequence >= options.asOfSequence()) {
                return;
            }
            ReadOptions read = new ReadOptions(sequence + 1, options.asOfSequence(), options.asOfTime());
            streams.stream(id).forEach(read, event -> {
                apply.accept(event);
                exists = true;
                sequence = event.sequence();
                time = event.writtenAt();
            });
        }
    }
}
