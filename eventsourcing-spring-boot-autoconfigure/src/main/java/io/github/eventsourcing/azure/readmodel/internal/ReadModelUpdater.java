package io.github.eventsourcing.azure.readmodel.internal;

import io.github.eventsourcing.azure.concurrent.internal.Backoff;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.readmodel.ReadModel;
import io.github.eventsourcing.azure.spi.DeadLetter;
import io.github.eventsourcing.azure.spi.DeadLetterStore;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.ReadModelStore;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.internal.StreamChangeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Brings the rows of every read model of a stream's domain/entity up to date with the stream. It runs:
 * <ul>
 *   <li>in the notification dispatcher's pass for a stream of a durable store, before the stream's published mark
 *       moves ({@link #accept}): the mark stays until the rows are written, so a crash in between leaves the stream
 *       pending and the next poll or sweep applies it; the dispatcher's order per stream and its sharing between
 *       instances come with it;</li>
 *   <li>on a thread of its own after each write to a store without a change feed (the in-memory one), as a
 *       {@link StreamChangeListener}.</li>
 * </ul>
 * A model that fails for a stream is tried {@value #ATTEMPTS} times, then set aside as a dead letter of kind
 * {@value #KIND} (with the detail {@value #MODEL}) in the stream's store; that model skips the stream until the letter
 * is retried or skipped, other models and the notifications go on. It never throws.
 */
public final class ReadModelUpdater implements Consumer<StreamId>, StreamChangeListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadModelUpdater.class);

    /** The dead letter kind of a read model's failure for a stream. */
    public static final String KIND = "read-model";
    /** The detail of a {@value #KIND} letter that names the model. */
    public static final String MODEL = "model";
    static final int ATTEMPTS = 3;
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1), 1.0, 1.2);
    /** How long the set of held streams is trusted before the stores' letters are read again. */
    private static final Duration HELD_REFRESH = Duration.ofSeconds(30);

    private final List<ModelVersion<?>> models;
    /** Looked up when first needed: the event streams take this updater as a listener, and projections need them. */
    private final Supplier<Projections> projections;
    private final Function<StreamId.StreamType, EventStore> stores;
    private final ExecutorService background;
    private final Clock clock;
    /** The (model, stream) pairs held behind a dead letter, by letter id; refreshed from storage now and then. */
    private final Map<String, DeadLetter> held = new ConcurrentHashMap<>();
    private volatile Instant heldReadAt = Instant.MIN;
    /** Streams this process knows to be changed and not yet applied, since when. */
    private final Map<StreamId, Instant> unapplied = new ConcurrentHashMap<>();
    private final Object applied = new Object();

    /**
     * @param models      the declared models, each with the store of its rows
     * @param refresh     how old the record of each model's generations may be when used (see {@link ModelVersion})
     * @param projections folds the streams
     * @param stores      the store of each stream type
     * @param background  applies the writes to stores without a change feed
     */
    public ReadModelUpdater(Map<ReadModel<?>, ReadModelStore> models, Duration refresh,
                            Supplier<Projections> projections, Function<StreamId.StreamType, EventStore> stores,
                            ExecutorService background, Clock clock) {
        this.models = models.entrySet().stream().<ModelVersion<?>>map(model -> new ModelVersion<>(model.getKey(),
                model.getValue(), refresh, clock)).toList();
        this.projections = projections;
        this.stores = stores;
        this.background = background;
        this.clock = clock;
    }

    /** Every model it keeps. */
    List<ModelVersion<?>> models() {
        return models;
    }

    /**
     * Each model's name, version, domain/entity, storage, and its generations: answering, being built, and retired
     * (replaced, its rows not yet deleted) (for health).
     */
    public Map<String, Object> describe() {
        Map<String, Object> described = new LinkedHashMap<>();
        for (ModelVersion<?> model : models) {
            ModelVersion.Generations generations = model.generations();
            described.put(model.model().name(), Map.of("version", model.model().version(),
                    "source", model.model().source().toString(), "rows", model.store().name(),
                    "answeringGeneration", generations.answering(),
                    "buildingGeneration", generations.building() == null ? "none" : generations.building(),
                    "retiredGeneration", generations.retired() == null ? "none" : generations.retired()));
        }
        return described;
    }

    /**
     * This instance's share of replaying the generations being built (new models, rebuilds); called now and then.
     * Never throws.
     */
    public void catchUp() {
        for (ModelVersion<?> model : models) {
            try {
                catchUp(model);
            } catch (RuntimeException e) {
                log.warn("Replaying read model {} failed; trying again later", model.model().name(), e);
            }
        }
    }

    private <S> void catchUp(ModelVersion<S> model) {
        model.catchUp(action -> stores.apply(model.model().source()).forEachInstanceKey(model.model().source(),
                action), (rows, id) -> {
            if (!isHeld(model, id)) {
                applyOrDeadLetter(rows, id);
            }
        });
    }

    /** Starts a rebuild of the model (see {@link ModelVersion#rebuild}); false when one is under way. */
    boolean rebuild(String name) {
        return models.stream().filter(model -> model.model().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No read model is named " + name)).rebuild();
    }

    /** Whether any model reads streams of the type. */
    public boolean covers(StreamId.StreamType type) {
        return models.stream().anyMatch(model -> model.model().source().equals(type));
    }

    /** Applies the stream to every model of its type (the dispatcher's pass); never throws. */
    @Override
    public void accept(StreamId id) {
        if (!covers(id.type())) {
            return;
        }
        unapplied.putIfAbsent(id, clock.instant());
        for (ModelVersion<?> model : models) {
            if (model.model().source().equals(id.type()) && !isHeld(model, id)) {
                applyEverywhere(model, id);
            }
        }
        unapplied.remove(id);
        synchronized (applied) {
            applied.notifyAll();
        }
    }

    @Override
    public void appended(StreamId id, AppendResult result) {
        changed(id);
    }

    @Override
    public void deleted(StreamId id) {
        changed(id);
    }

    /**
     * Counts the write in the lag; a store without a change feed has no dispatcher pass, so its writes are applied
     * here, off the writing thread.
     */
    private void changed(StreamId id) {
        try {
            if (!covers(id.type())) {
                return;
            }
            unapplied.putIfAbsent(id, clock.instant()); // the lag counts from the write
            if (stores.apply(id.type()).changeFeed().isEmpty()) {
                background.execute(() -> accept(id));
            }
        } catch (RejectedExecutionException e) {
            log.debug("Not applying {} to read models: shutting down", id);
        } catch (RuntimeException e) {
            log.warn("Could not queue {} for its read models", id, e);
        }
    }

    /** To every generation that takes changes: the answering one, and one being built. */
    private void applyEverywhere(ModelVersion<?> model, StreamId id) {
        try {
            model.writable().forEach(rows -> applyOrDeadLetter(rows, id));
        } catch (RuntimeException e) {
            deadLetter(model.model(), id, e, clock.instant());
        }
    }

    private void applyOrDeadLetter(ModelRows<?> model, StreamId id) {
        Instant firstFailedAt = null;
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                model.apply(id, projections.get());
                return;
            } catch (RuntimeException e) {
                failure = e;
                firstFailedAt = firstFailedAt == null ? clock.instant() : firstFailedAt;
                if (attempt < ATTEMPTS) {
                    try {
                        Thread.sleep(BACKOFF.delay(attempt).toMillis());
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        deadLetter(model.model(), id, failure, firstFailedAt);
    }

    private void deadLetter(ReadModel<?> model, StreamId id, RuntimeException failure, Instant firstFailedAt) {
        long version = versionOf(id);
        DeadLetter letter = new DeadLetter(letterId(model.name(), id), KIND, id, 1, version, ATTEMPTS,
                String.valueOf(failure.getMessage()), firstFailedAt, clock.instant(),
                Map.of(MODEL, model.name()));
        Optional<DeadLetterStore> store = deadLettersOf(id);
        if (store.isEmpty()) {
            log.warn("Read model {} failed for {} and its store keeps no dead letters; the next change of the stream "
                    + "tries again", model.name(), id, failure);
            return;
        }
        try {
            store.get().save(letter);
            held.put(letter.id(), letter);
            log.warn("Read model {} failed for {} {} times: set aside as dead letter {}; this model skips the stream "
                    + "until it is retried or skipped, other models and notifications go on. Last error: {}",
                    model.name(), id, ATTEMPTS, letter.id(), letter.lastError(), failure);
        } catch (RuntimeException e) {
            log.warn("Read model {} failed for {}, and the dead letter could not be stored; the next change of the "
                    + "stream tries again", model.name(), id, e);
        }
    }

    /** The same id in every process for a model and a stream: a later failure replaces the letter. */
    static String letterId(String model, StreamId id) {
        return DeadLetter.idOf(KIND + "\n" + model, id, 0);
    }

    private long versionOf(StreamId id) {
        try {
            return stores.apply(id.type()).version(id);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private Optional<DeadLetterStore> deadLettersOf(StreamId id) {
        try {
            return stores.apply(id.type()).deadLetters();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private boolean isHeld(ModelVersion<?> model, StreamId id) {
        refreshHeld();
        return held.containsKey(letterId(model.model().name(), id));
    }

    /**
     * Takes the letters of this kind as the stores of the models' streams hold them now (other processes file and
     * release them too), at most every {@link #HELD_REFRESH}.
     */
    private void refreshHeld() {
        Instant now = clock.instant();
        if (heldReadAt.plus(HELD_REFRESH).isAfter(now)) {
            return;
        }
        heldReadAt = now;
        Map<String, DeadLetter> letters = new HashMap<>();
        try {
            models.stream().map(model -> stores.apply(model.model().source()).deadLetters())
                    .flatMap(Optional::stream).distinct()
                    .flatMap(store -> store.list().stream())
                    .filter(letter -> letter.kind().equals(KIND))
                    .forEach(letter -> letters.put(letter.id(), letter));
        } catch (RuntimeException e) {
            log.debug("Could not read the read models' dead letters; keeping the last known", e);
            return;
        }
        held.keySet().retainAll(letters.keySet());
        held.putAll(letters);
    }

    /** Applies the letter's stream to its model again, at once, and stops holding it (a retry). */
    void retry(DeadLetter letter) {
        release(letter);
        models.stream().filter(model -> model.model().name().equals(letter.detail(MODEL))).findFirst()
                .ifPresent(model -> {
                    model.writable().forEach(rows -> rows.apply(letter.stream(), projections.get()));
                    synchronized (applied) {
                        applied.notifyAll();
                    }
                });
    }

    /** Stops holding the letter's stream: the model applies it again with its next change (a skip). */
    void release(DeadLetter letter) {
        held.remove(letter.id());
    }

    /**
     * Since when the oldest change this process knows of waits for a read model: a stream being applied, or held
     * behind a dead letter (since its first failure). Empty when none does. Changes of other processes count once
     * this one's dispatcher finds them.
     */
    public Optional<Instant> oldestUnapplied() {
        return java.util.stream.Stream.concat(unapplied.values().stream(),
                held.values().stream().map(DeadLetter::firstFailedAt)).min(Instant::compareTo);
    }

    /** How long the oldest change this process knows of has waited for a read model ({@link #oldestUnapplied}). */
    public Duration lag(Clock now) {
        return oldestUnapplied().map(since -> Duration.between(since, now.instant())).filter(age -> !age.isNegative())
                .orElse(Duration.ZERO);
    }

    /** The writes of rows that took effect in this process (a change applied again writes none). */
    public long rowWrites() {
        return models.stream().flatMap(model -> model.writable().stream()).mapToLong(ModelRows::writes).sum();
    }

    /** Dead letters this process holds streams behind. */
    public int heldStreams() {
        return held.size();
    }

    /** Waits until a read model was applied in this process, or the time is up. */
    void awaitApplied(Duration atMost) throws InterruptedException {
        synchronized (applied) {
            applied.wait(Math.max(1, atMost.toMillis()));
        }
    }

    @Override
    public void close() {
        background.shutdown();
    }
}
