package io.github.eventsourcing.azure.projection;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.spi.SnapshotStore;
import io.github.eventsourcing.azure.spi.SnapshotStore.StoredSnapshot;
import io.github.eventsourcing.azure.stream.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
    private final Executor writer;
    private final Map<Class<?>, String> keys = new ConcurrentHashMap<>();

    SnapshotSupport(Function<StreamId.StreamType, Optional<SnapshotStore>> stores, ObjectMapper storageMapper,
                    Executor writer) {
        this.stores = stores;
        // A projection's state is its fields, whatever getters it has or lacks.
        this.stateMapper = storageMapper.copy()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        this.writer = writer;
    }

    /** The snapshot policy of a class, or null when it keeps none. */
    static Snapshots policyOf(Class<?> type) {
        return type.getAnnotation(Snapshots.class);
    }

    Optional<Loaded> load(StreamId id, Class<?> type) {
        Optional<SnapshotStore> store = stores.apply(id.type());
        if (store.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<StoredSnapshot> snapshot = store.get().loadSnapshot(id, keyOf(type));
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

    void saveLater(StreamId id, Class<?> type, StoredSnapshotDraft draft) {
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
                    store.get().saveSnapshot(id, keyOf(type), snapshot);
                } catch (RuntimeException e) {
                    log.warn("Could not save the snapshot of {} for {}: {}", Projections.nameOf(type), id, e.toString());
                }
            });
        } catch (RuntimeException rejected) {
            log.debug("Snapshot of {} for {} skipped: {}", Projections.nameOf(type), id, rejected.toString());
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

    private static String bytecodeHash(Class<?> type) {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Cannot read the bytecode of " + type.getName()
                        + " to version its snapshots; declare @ProjectionName(version = ...)");
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
