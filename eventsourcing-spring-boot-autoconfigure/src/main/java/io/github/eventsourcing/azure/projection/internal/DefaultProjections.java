package io.github.eventsourcing.azure.projection.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventsourcing.azure.projection.ClassificationResult;
import io.github.eventsourcing.azure.projection.Classified;
import io.github.eventsourcing.azure.projection.ProjectionListener;
import io.github.eventsourcing.azure.projection.ProjectionOptions;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.projection.Snapshots;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.spi.SnapshotStore;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.ReadOptions;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.internal.DefaultEventStreams;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;

import java.lang.reflect.Constructor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Folds streams into projections and classifications on demand. Results are computed from the stream as it is now
 * (so any number of application instances can read the same streams); classes annotated with {@link Snapshots}
 * start from their newest verified snapshot and read only the events after it.
 */
public final class DefaultProjections implements Projections {

    private static final Logger log = LoggerFactory.getLogger(DefaultProjections.class);

    private final EventStreams streams;
    private final EventTypeRegistry types;
    private final List<ProjectionListener> listeners;
    private final SnapshotSupport snapshots;
    private final ConversionService conversion = DefaultConversionService.getSharedInstance();

    /**
     * @param streams        the streams to fold (any {@link EventStreams}, such as one decorating the default)
     * @param router         the stores of the streams, whose {@link EventStore#snapshots()} keep the snapshots
     * @param serializer     the serializer the streams store events with: its event types and mapper
     * @param listeners      told of every completed projection and classification
     * @param snapshotWriter runs snapshot writes off the caller's thread
     */
    public DefaultProjections(EventStreams streams, EventStoreRouter router, EventSerializer serializer,
                              List<ProjectionListener> listeners, Executor snapshotWriter) {
        this.streams = streams;
        this.types = serializer.types();
        this.listeners = List.copyOf(listeners);
        this.snapshots = new SnapshotSupport(type -> router.storeFor(type).snapshots(), serializer.mapper(),
                snapshotWriter);
    }

    /** Projections over streams opened by a {@link DefaultEventStreams}. */
    public DefaultProjections(DefaultEventStreams streams, List<ProjectionListener> listeners, Executor snapshotWriter) {
        this(streams, streams.router(), streams.serializer(), listeners, snapshotWriter);
    }

    /** Projections over streams opened by a {@link DefaultEventStreams}, writing snapshots on the common pool. */
    public DefaultProjections(DefaultEventStreams streams) {
        this(streams, List.of(), ForkJoinPool.commonPool());
    }

    /** Projections over any {@link EventStreams}: no snapshots; handler event types must be registered already. */
    public DefaultProjections(EventStreams streams) {
        this.streams = streams;
        this.types = streams instanceof DefaultEventStreams defaults ? defaults.serializer().types() : null;
        this.listeners = List.of();
        this.snapshots = null;
    }

    @Override
    public <S> ProjectionResult<S> project(StreamId id, Class<S> projection, ProjectionOptions options) {
        HandlerMethods handlers = handlersOf(projection, false);
        Fold<S> fold = new Fold<>(id, projection, ClassificationParameters.NONE);
        if (options.resumeFrom() != null) {
            ProjectionResult<?> previous = options.resumeFrom();
            requireSameStream(id, previous.streamId(), projection, previous.state());
            fold.resume(projection.cast(previous.state()), previous.exists(), previous.asOfSequence(), null,
                    previous.asOfTime());
            fold.run(options, event -> handlers.apply(fold.state, event));
        } else {
            fold.runFromSnapshot(options, json -> snapshots.read(json, projection), () -> newInstance(projection),
                    event -> handlers.apply(fold.state, event), fold::stateTree);
        }
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
        HandlerMethods handlers = handlersOf(classification, true);
        ClassificationParameters bound = ClassificationParameters.bind(classification, parameters, conversion);
        Fold<C> fold = new Fold<>(id, classification, bound);
        Verdict verdict = new Verdict(false, false, false);
        fold.runFromSnapshot(options, json -> {
            verdict.restore(json);
            C state = snapshots.read(json.get("state"), classification);
            bound.injectInto(state);
            return state;
        }, () -> {
            C fresh = newInstance(classification);
            bound.injectInto(fresh);
            return fresh;
        }, event -> verdict.apply(handlers.apply(fold.state, event)), () -> verdict.tree(fold.stateTree()));
        return completed(fold, verdict, parameters);
    }

    @Override
    public <C> ClassificationResult<C> classify(ClassificationResult<C> previous, Map<String, ?> parameters) {
        @SuppressWarnings("unchecked")
        Class<C> type = (Class<C>) previous.state().getClass();
        HandlerMethods handlers = handlersOf(type, true);
        ClassificationParameters bound = ClassificationParameters.bind(type, parameters, conversion);
        Fold<C> fold = new Fold<>(previous.streamId(), type, bound);
        fold.resume(previous.state(), previous.exists(), previous.asOfSequence(), null, previous.asOfTime());
        bound.injectInto(fold.state);
        Verdict verdict = new Verdict(previous.included(), previous.wasEverIncluded(), previous.wasEverExcluded());
        fold.run(ProjectionOptions.LATEST, event -> verdict.apply(handlers.apply(fold.state, event)));
        return completed(fold, verdict, parameters);
    }

    private <C> ClassificationResult<C> completed(Fold<C> fold, Verdict verdict, Map<String, ?> parameters) {
        ClassificationResult<C> result = new ClassificationResult<>(fold.id, fold.exists, verdict.included,
                verdict.everIncluded, verdict.everExcluded, fold.state, fold.sequence, fold.time);
        String name = Projections.nameOf(fold.type);
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

        void restore(JsonNode json) {
            included = json.path("included").asBoolean();
            everIncluded = json.path("everIncluded").asBoolean();
            everExcluded = json.path("everExcluded").asBoolean();
        }

        ObjectNode tree(ObjectNode state) {
            ObjectNode node = state.objectNode();
            node.put("included", included).put("everIncluded", everIncluded).put("everExcluded", everExcluded);
            node.set("state", state);
            return node;
        }
    }

    /** Thrown inside a read to abandon a snapshot that does not match the stream. */
    private static final class StaleSnapshot extends RuntimeException {
        StaleSnapshot() {
            super(null, null, false, false);
        }
    }

    /** One fold in progress: which events to read and what has been folded so far. */
    private final class Fold<S> {
        private final StreamId id;
        private final Class<S> type;
        private final ClassificationParameters parameters;
        private S state;
        private boolean exists;
        private long sequence;
        private String lastEventId;
        private Instant time;
        private int applied;

        Fold(StreamId id, Class<S> type, ClassificationParameters parameters) {
            this.id = id;
            this.type = type;
            this.parameters = parameters;
        }

        void resume(S previousState, boolean previousExists, long previousSequence, String previousEventId,
                    Instant previousTime) {
            state = previousState;
            exists = previousExists;
            sequence = previousSequence;
            lastEventId = previousEventId;
            time = previousTime;
        }

        ObjectNode stateTree() {
            return snapshots.tree(state);
        }

        void run(ProjectionOptions options, Consumer<RecordedEvent> apply) {
            if (sequence >= options.asOfSequence()) {
                return;
            }
            ReadOptions read = new ReadOptions(sequence + 1, options.asOfSequence(), options.asOfTime());
            streams.stream(id).forEach(read, event -> {
                apply.accept(event);
                exists = true;
                sequence = event.sequence();
                lastEventId = event.eventId();
                time = event.writtenAt();
                applied++;
            });
        }

        /**
         * Folds from the newest usable snapshot (when the class keeps them), else from the start, and writes a new
         * snapshot when enough events were applied. The snapshot's last event is read again and its id compared,
         * so a snapshot of a deleted and re-created stream is never used. Snapshots are looked up under the key of
         * this fold's class and parameter values, so only a fold with the same values ever resumes from one.
         */
        void runFromSnapshot(ProjectionOptions options, Function<JsonNode, S> restore, Supplier<S> fresh,
                             Consumer<RecordedEvent> apply, Supplier<ObjectNode> snapshotTree) {
            Snapshots policy = snapshots == null ? null : SnapshotSupport.policyOf(type);
            Optional<String> key = policy == null ? Optional.empty() : snapshots.keyOf(type, parameters);
            Optional<SnapshotSupport.Loaded> loaded = key.flatMap(k -> snapshots.load(id, type, k));
            if (loaded.isPresent() && usable(loaded.get().snapshot(), options)) {
                try {
                    foldAfter(loaded.get(), restore, options, apply);
                } catch (StaleSnapshot stale) {
                    log.warn("Snapshot of {} for {} is unreadable or does not match the stream; folding the whole stream",
                            Projections.nameOf(type), id);
                    resume(null, false, 0, null, null);
                }
            }
            if (state == null) {
                state = fresh.get();
                applied = 0;
                run(options, apply);
            }
            if (key.isPresent() && applied >= policy.every() && sequence > 0) {
                snapshots.saveLater(id, type, key.get(), new SnapshotSupport.StoredSnapshotDraft(sequence, lastEventId, time,
                        snapshotTree.get()));
            }
        }

        private boolean usable(SnapshotStore.StoredSnapshot snapshot, ProjectionOptions options) {
            return snapshot.sequence() <= options.asOfSequence()
                    && (options.asOfTime() == null || !snapshot.asOfTime().isAfter(options.asOfTime()));
        }

        private void foldAfter(SnapshotSupport.Loaded loaded, Function<JsonNode, S> restore,
                               ProjectionOptions options, Consumer<RecordedEvent> apply) {
            SnapshotStore.StoredSnapshot snapshot = loaded.snapshot();
            S restored;
            try {
                restored = restore.apply(loaded.json());
            } catch (RuntimeException unreadable) {
                throw new StaleSnapshot();
            }
            boolean[] verified = {false};
            ReadOptions read = new ReadOptions(snapshot.sequence(), options.asOfSequence(), options.asOfTime());
            streams.stream(id).forEach(read, event -> {
                if (!verified[0]) {
                    if (event.sequence() != snapshot.sequence() || !event.eventId().equals(snapshot.lastEventId())) {
                        throw new StaleSnapshot();
                    }
                    verified[0] = true;
                    resume(restored, true, event.sequence(), event.eventId(), event.writtenAt());
                    return;
                }
                apply.accept(event);
                sequence = event.sequence();
                lastEventId = event.eventId();
                time = event.writtenAt();
                applied++;
            });
            if (!verified[0]) {
                throw new StaleSnapshot();
            }
        }
    }
}
