package io.github.eventsourcing.azure.readmodel.internal;

import io.github.eventsourcing.azure.readmodel.ReadModelRow;
import io.github.eventsourcing.azure.readmodel.ReadModels;
import io.github.eventsourcing.azure.readmodel.RowFilter;
import io.github.eventsourcing.azure.readmodel.RowPage;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.StreamId;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The {@link ReadModels} bean: queries the current version of each declared model. */
public final class DefaultReadModels implements ReadModels {

    /** The longest pause between two reads of a row while waiting; a write applied in this process ends it at once. */
    private static final Duration RECHECK = Duration.ofMillis(200);

    private final Map<String, ModelVersion<?>> models;
    private final ReadModelUpdater updater;

    public DefaultReadModels(ReadModelUpdater updater) {
        this.models = updater.models().stream().collect(Collectors.toUnmodifiableMap(model -> model.model().name(),
                Function.identity()));
        this.updater = updater;
    }

    @Override
    public Optional<ReadModelRow> find(String model, String key) {
        return rowsOf(model).answering().find(key);
    }

    @Override
    public RowPage query(String model, RowFilter filter, int pageSize, String continuation) {
        return rowsOf(model).answering().query(filter, pageSize, continuation);
    }

    @Override
    public boolean await(String model, StreamId id, AppendResult write, Duration timeout) {
        ModelVersion<?> version = rowsOf(model);
        if (!version.model().source().equals(id.type())) {
            throw new IllegalArgumentException("Read model " + model + " reads " + version.model().source()
                    + ", not the stream " + id);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<ReadModelRow> row = version.answering().find(id.instanceKey());
            if (row.isPresent() && row.get().sequence() >= write.lastSequence()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                updater.awaitApplied(Duration.ofNanos(Math.min(left, RECHECK.toNanos())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    @Override
    public boolean rebuild(String model) {
        return rowsOf(model).rebuild();
    }

    private ModelVersion<?> rowsOf(String model) {
        ModelVersion<?> rows = models.get(model);
        if (rows == null) {
            throw new IllegalArgumentException("No read model is named " + model + "; declared: "
                    + models.keySet().stream().sorted().toList());
        }
        return rows;
    }
}
