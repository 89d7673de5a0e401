package io.github.eventsourcing.azure.readmodel.internal;

import io.github.eventsourcing.azure.readmodel.ReadModel;
import io.github.eventsourcing.azure.spi.ReadModelStore;
import io.github.eventsourcing.azure.spi.ReadModelStore.Entry;
import io.github.eventsourcing.azure.stream.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One declared version of a read model, in generations: the rows of generation {@code g} are the partition
 * {@code <name>-v<version>-g<g>}. One generation <em>answers</em> queries; while another is <em>built</em> (the first
 * one of a new version, or a rebuild), every change is applied to both, and a replay over every instance fills the
 * one being built; then it answers. The generations are recorded in the entry {@code generations} of the partition
 * {@code <name>-v<version>}, changed only by conditional writes, so every instance agrees on them.
 *
 * <p><b>Replay without a coordinator:</b> instance keys fall into {@value #BUCKETS} buckets by their hash. Each
 * instance lists the keys once and claims buckets one by one with a conditional write of a claim entry
 * ({@code c-<bucket>} in the generation being built, a lease of {@link #LEASE}), applies every key of the bucket, and
 * marks it done. An instance that dies leaves its claim to expire; another then takes the bucket over (applying a key
 * twice is harmless). The instance that finds every bucket done switches the generations over.
 *
 * <p><b>No change is missed:</b> instances learn of a generation being built within one refresh interval (they read
 * the {@code generations} entry at most that old); the replay starts two refresh intervals after the build began, so
 * a change after a bucket's replay is applied by its own dispatcher pass.
 *
 * <p><b>Nothing is kept for ever:</b> the generation a switch-over replaces is recorded as <em>retired</em>; two
 * refresh intervals later, when no instance answers from it or writes to it any more, the next instance to catch up
 * deletes its entries and then the record of it. (Rows of earlier <em>versions</em> are left alone: during a rolling
 * deployment, instances of the old version still answer from them.)
 */
final class ModelVersion<S> {

    private static final Logger log = LoggerFactory.getLogger(ModelVersion.class);

    static final int BUCKETS = 64;
    static final Duration LEASE = Duration.ofMinutes(5);
    private static final String GENERATIONS = "generations";
    private static final String ANSWERING = "answering";
    private static final String BUILDING = "building";
    private static final String SINCE = "since";
    private static final String OWNER = "owner";
    private static final String UNTIL = "until";
    private static final String DONE = "done";
    private static final String RETIRED = "retired";
    private static final String RETIRED_SINCE = "retiredSince";
    /** Past every key the library gives an entry ({@code c-}, {@code i-}, {@code k-}). */
    private static final String AFTER_EVERY_KEY = "~";

    /**
     * The generations as last read: {@code building} null when none is being built, {@code retired} null when no
     * replaced generation waits to be deleted.
     */
    record Generations(int answering, Integer building, Instant buildingSince, Integer retired, Instant retiredSince,
                       String tag) {

        Generations building(int generation, Instant since) {
            return new Generations(answering, generation, since, retired, retiredSince, tag);
        }

        /** The generation being built answers; the one it replaces (if another) is retired. */
        Generations switchedOver(Instant now) {
            boolean replaces = building != answering;
            return new Generations(building, null, null, replaces ? answering : null, replaces ? now : null, tag);
        }

        Generations withoutRetired() {
            return new Generations(answering, building, buildingSince, null, null, tag);
        }
    }

    private final ReadModel<S> model;
    private final ReadModelStore store;
    private final Duration refresh;
    private final Clock clock;
    private final String metaPartition;
    private final String owner = UUID.randomUUID().toString();
    private final Map<Integer, ModelRows<S>> rows = new ConcurrentHashMap<>();
    private volatile Generations generations;
    private volatile Instant readAt = Instant.MIN;

    ModelVersion(ReadModel<S> model, ReadModelStore store, Duration refresh, Clock clock) {
        this.model = Objects.requireNonNull(model, "model");
        this.store = Objects.requireNonNull(store, "store");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metaPartition = model.name() + "-v" + model.version();
        ModelRows.requireFits(model, store);
    }

    ReadModel<S> model() {
        return model;
    }

    ReadModelStore store() {
        return store;
    }

    /** The generation that answers queries. */
    ModelRows<S> answering() {
        return rowsOf(generations().answering());
    }

    /** The generations every change goes to: the answering one, and the one being built. */
    List<ModelRows<S>> writable() {
        Generations current = generations();
        return current.building() == null || current.building() == current.answering()
                ? List.of(rowsOf(current.answering()))
                : List.of(rowsOf(current.answering()), rowsOf(current.building()));
    }

    /** The generations, read again when older than the refresh interval; the first read creates them. */
    Generations generations() {
        Instant now = clock.instant();
        if (generations == null || !readAt.plus(refresh).isAfter(now)) {
            generations = read();
            readAt = now;
        }
        return generations;
    }

    private Generations read() {
        while (true) {
            Optional<Entry> entry = store.get(metaPartition, GENERATIONS);
            if (entry.isPresent()) {
                Map<String, String> values = entry.get().values();
                String building = values.get(BUILDING);
                String retired = values.get(RETIRED);
                return new Generations(Integer.parseInt(values.get(ANSWERING)),
                        building == null ? null : Integer.valueOf(building),
                        building == null ? null : Instant.parse(values.get(SINCE)),
                        retired == null ? null : Integer.valueOf(retired),
                        retired == null ? null : Instant.parse(values.get(RETIRED_SINCE)), entry.get().tag());
            }
            // A new version: its first generation answers at once and is built by the replay.
            if (write(null, new Generations(1, 1, clock.instant(), null, null, null))) {
                log.info("Read model {} version {} is new: its rows are built by a replay over every instance",
                        model.name(), model.version());
            }
        }
    }

    /** Writes {@code next} on condition that the record still has the tag {@code tag} (null: is not there). */
    private boolean write(String tag, Generations next) {
        Map<String, String> values = new HashMap<>();
        values.put(ANSWERING, Integer.toString(next.answering()));
        if (next.building() != null) {
            values.put(BUILDING, next.building().toString());
            values.put(SINCE, next.buildingSince().toString());
        }
        if (next.retired() != null) {
            values.put(RETIRED, next.retired().toString());
            values.put(RETIRED_SINCE, next.retiredSince().toString());
        }
        Entry entry = new Entry(GENERATIONS, GENERATIONS, 0, values, null);
        return store.write(metaPartition, GENERATIONS, tag, List.of(entry), List.of());
    }

    /**
     * Starts a rebuild: a new generation, built beside the answering one, which answers until it is complete.
     *
     * @return false when a generation is being built already
     */
    boolean rebuild() {
        while (true) {
            readAt = Instant.MIN;
            Generations current = generations();
            if (current.building() != null) {
                return false;
            }
            if (write(current.tag(), current.building(current.answering() + 1, clock.instant()))) {
                readAt = Instant.MIN;
                log.info("Read model {} version {}: rebuilding as generation {}; generation {} answers meanwhile",
                        model.name(), model.version(), current.answering() + 1, current.answering());
                return true;
            }
        }
    }

    /**
     * Does this instance's share of the replay of the generation being built, if any: claims buckets, applies their
     * instances with {@code apply}, and switches over once every bucket is done.
     *
     * @param instanceKeys lists every instance key of the model's domain/entity
     * @param apply        applies one stream to one generation's rows (failures are its own business)
     */
    void catchUp(Consumer<Consumer<String>> instanceKeys, BiConsumer<ModelRows<S>, StreamId> apply) {
        Generations current = generations();
        if (current.retired() != null && isQuiet(current.retiredSince())) {
            deleteRetired(current);
            current = generations();
        }
        if (current.building() == null || !isQuiet(current.buildingSince())) {
            return;
        }
        ModelRows<S> building = rowsOf(current.building());
        Map<Integer, List<String>> keysByBucket = new HashMap<>();
        instanceKeys.accept(key -> keysByBucket.computeIfAbsent(bucketOf(key), bucket -> new ArrayList<>()).add(key));
        List<Integer> buckets = new ArrayList<>();
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            buckets.add(bucket);
        }
        Collections.shuffle(buckets); // instances start on different buckets
        for (int bucket : buckets) {
            if (claim(building, bucket)) {
                for (String key : keysByBucket.getOrDefault(bucket, List.of())) {
                    apply.accept(building, StreamId.of(model.source().domain(), model.source().entityType(), key));
                }
                markDone(building, bucket);
            }
        }
        switchOverIfBuilt(current, building);
    }

    static int bucketOf(String instanceKey) {
        return Math.floorMod(instanceKey.hashCode(), BUCKETS);
    }

    private static String claimKey(int bucket) {
        return String.format("c-%02d", bucket);
    }

    private boolean claim(ModelRows<S> building, int bucket) {
        String key = claimKey(bucket);
        Optional<Entry> claim = store.get(building.partition(), key);
        if (claim.isPresent() && (claim.get().values().containsKey(DONE)
                || Instant.parse(claim.get().values().get(UNTIL)).isAfter(clock.instant()))) {
            return false;
        }
        Entry mine = new Entry(key, key, 0, Map.of(OWNER, owner, UNTIL, clock.instant().plus(LEASE).toString()),
                null);
        return store.write(building.partition(), key, claim.map(Entry::tag).orElse(null), List.of(mine), List.of());
    }

    private void markDone(ModelRows<S> building, int bucket) {
        String key = claimKey(bucket);
        Optional<Entry> claim = store.get(building.partition(), key);
        if (claim.isPresent() && owner.equals(claim.get().values().get(OWNER))) {
            Entry done = new Entry(key, key, 0, Map.of(OWNER, owner, DONE, clock.instant().toString()), null);
            store.write(building.partition(), key, claim.get().tag(), List.of(done), List.of());
        }
    }

    private void switchOverIfBuilt(Generations current, ModelRows<S> building) {
        long done = store.range(building.partition(), "c-", false, "c.", BUCKETS + 1).stream()
                .filter(claim -> claim.values().containsKey(DONE)).count();
        // A generation retired before this build began is quiet by now, so this catch-up deleted it before replaying.
        if (done == BUCKETS && write(current.tag(), current.switchedOver(clock.instant()))) {
            readAt = Instant.MIN;
            log.info("Read model {} version {}: generation {} is built and answers now", model.name(),
                    model.version(), current.building());
        }
    }

    /**
     * Whether every instance has seen a change of the generations made at {@code since}: each reads them at most a
     * refresh interval old, and a pass that began on an older read has ended a refresh interval later.
     */
    private boolean isQuiet(Instant since) {
        return !since.plus(refresh.multipliedBy(2)).isAfter(clock.instant());
    }

    /** Deletes the retired generation's entries, then the record of it (another instance may do the same at once). */
    private void deleteRetired(Generations current) {
        String partition = rowsOf(current.retired()).partition();
        deleteEntries(partition);
        if (write(current.tag(), current.withoutRetired())) {
            readAt = Instant.MIN;
            rows.remove(current.retired());
            log.info("Read model {} version {}: deleted the rows of generation {}, replaced by generation {}",
                    model.name(), model.version(), current.retired(), current.answering());
        }
    }

    /** Deletes every entry of the partition, as many at once as the store writes, each group on its first entry. */
    private void deleteEntries(String partition) {
        while (true) {
            List<Entry> entries = store.range(partition, "", false, AFTER_EVERY_KEY, store.maxEntriesPerWrite());
            if (entries.isEmpty()) {
                return;
            }
            Entry first = entries.get(0);
            // Conditional on the first entry: a write to it by an instance still on an old read makes this read again.
            store.write(partition, first.key(), first.tag(), List.of(), entries.stream().map(Entry::key).toList());
        }
    }

    private ModelRows<S> rowsOf(int generation) {
        return rows.computeIfAbsent(generation, g -> new ModelRows<>(model, store, metaPartition + "-g" + g));
    }
}
