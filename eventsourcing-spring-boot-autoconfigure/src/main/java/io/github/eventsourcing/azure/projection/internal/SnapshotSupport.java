package io.github.eventsourcing.azure.projection.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.eventsourcing.azure.projection.ProjectionName;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.projection.Snapshots;
import io.github.eventsourcing.azure.spi.SnapshotStore.StoredSnapshot;
import io.github.eventsourcing.azure.spi.SnapshotStore;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Loads, verifies and writes projection snapshots. Every failure here degrades to a full fold (with a warning):
 * snapshots may make folds faster, never wrong.
 */
final class SnapshotSupport {

    private static final Logger log = LoggerFactory.getLogger(SnapshotSupport.class);

    private final Function<StreamId.StreamType, Optional<SnapshotStore>> stores;
    private final ObjectMapper stateMapper;
    private final ObjectWriter parameterWriter;
    private final Executor writer;
    private final Map<Class<?>, String> keys = new ConcurrentHashMap<>();

    SnapshotSupport(Function<StreamId.StreamType, Optional<SnapshotStore>> stores, ObjectMapper storageMapper,
                    Executor writer) {
        this.stores = stores;
        this.stateMapper = StorageObjectMapper.forProjectionStates(storageMapper);
        this.parameterWriter = stateMapper.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        this.writer = writer;
    }

    /** The snapshot policy of a class, or null when it keeps none. */
    static Snapshots policyOf(Class<?> type) {
        return type.getAnnotation(Snapshots.class);
    }

    /** The snapshot saved under {@code key} (see {@link #keyOf(Class, ClassificationParameters)}), if usable. */
    Optional<Loaded> load(StreamId id, Class<?> type, String key) {
        Optional<SnapshotStore> store = stores.apply(id.type());
        if (store.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<StoredSnapshot> snapshot = store.get().loadSnapshot(id, key);
            if (snapshot.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Loaded(snapshot.get(), stateMapper.readTree(snapshot.get().state())));
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring the snapshot of {} for {}: {}; folding the whole stream", Projections.nameOf(type), id,
                    e.toString());
            return Optional.empty();
        }
    }

    void saveLater(StreamId id, Class<?> type, String key, StoredSnapshotDraft draft) {
        Optional<SnapshotStore> store = stores.apply(id.type());
        if (store.isEmpty()) {
            return;
        }
        byte[] json;
        try {
            json = stateMapper.writeValueAsBytes(draft.state());
        } catch (IOException e) {
            log.warn("Cannot snapshot {} for {}: its state does not serialize as JSON ({})", Projections.nameOf(type),
                    id, e.getMessage());
            return;
        }
        StoredSnapshot snapshot = new StoredSnapshot(draft.sequence(), draft.lastEventId(), draft.asOfTime(), json);
        try {
            writer.execute(() -> {
                try {
                    store.get().saveSnapshot(id, key, snapshot);
                } catch (RuntimeException e) {
                    log.warn("Could not save the snapshot of {} for {}: {}", Projections.nameOf(type), id, e.toString());
                }
            });
        } catch (RuntimeException rejected) {
            log.debug("Snapshot of {} for {} skipped: {}", Projections.nameOf(type), id, rejected.toString());
        }
    }

    /**
     * The snapshot key of a fold: {@link #keyOf(Class)}, followed for a classification with bound parameters by
     * {@code #} and a digest of their values, e.g. {@code Balance Below@v2#3f9a0c12d4e5b6a7}.
     *
     * <p>The parameters are part of the key because a classification's snapshot holds a verdict (and state) computed
     * with them: restored into a fold with other values, it would answer for the old values and apply the new ones
     * only to later events. Keyed by its values, a fold never reads another's snapshot, while folds with equal values
     * share theirs. The digest has a fixed size because backends skip snapshots whose key is too long (a Table row
     * key, a blob name); no parameters keep the plain key.
     *
     * @return empty when the parameter values cannot be rendered as JSON: the fold then neither reads nor writes
     * snapshots
     */
    Optional<String> keyOf(Class<?> type, ClassificationParameters parameters) {
        if (parameters.isEmpty()) {
            return Optional.of(keyOf(type));
        }
        try {
            return Optional.of(keyOf(type) + "#" + digestOf(parameters));
        } catch (IOException | RuntimeException e) {
            log.warn("{} takes no snapshots with these parameter values: they do not serialize as JSON ({})",
                    Projections.nameOf(type), e.toString());
            return Optional.empty();
        }
    }

    /** Projection name and version: the declared version, or one derived from the class's bytecode. */
    String keyOf(Class<?> type) {
        return keys.computeIfAbsent(type, t -> {
            ProjectionName name = t.getAnnotation(ProjectionName.class);
            String version = name != null && name.version() > 0 ? "v" + name.version() : "c" + bytecodeHash(t);
            return Projections.nameOf(t).replaceAll("[^A-Za-z0-9 _.-]", "_") + "@" + version;
        });
    }

    /**
     * 16 hex digits of the SHA-256 of the bound parameters rendered as a JSON array of {@code [name, value's class,
     * value]}, in the bindings' canonical order and with map entries sorted: equal values give equal digests in every
     * JVM, and values of different classes that render alike still differ.
     */
    private String digestOf(ClassificationParameters parameters) throws IOException {
        List<List<Object>> canonical = new ArrayList<>();
        for (ClassificationParameters.Binding binding : parameters.bindings()) {
            canonical.add(List.of(binding.name(), binding.value().getClass().getName(), binding.value()));
        }
        byte[] rendered = parameterWriter.writeValueAsBytes(canonical);
        return HexFormat.of().formatHex(sha256(rendered), 0, 8);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String bytecodeHash(Class<?> type) {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Cannot read the bytecode of " + type.getName()
                        + " to version its snapshots; declare @ProjectionName(value = \"...\", version = ...)");
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot version the snapshots of " + type.getName(), e);
        }
    }

    /** Reads a field of a loaded snapshot as the given type; a failure means the snapshot is unusable. */
    <T> T read(com.fasterxml.jackson.databind.JsonNode json, Class<T> type) {
        try {
            return stateMapper.treeToValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable snapshot state: " + e.getMessage(), e);
        }
    }

    com.fasterxml.jackson.databind.node.ObjectNode tree(Object state) {
        return stateMapper.valueToTree(state);
    }

    record Loaded(StoredSnapshot snapshot, com.fasterxml.jackson.databind.JsonNode json) {
    }

    record StoredSnapshotDraft(long sequence, String lastEventId, java.time.Instant asOfTime, Object state) {
    }
}
