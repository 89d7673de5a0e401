package io.github.eventsourcing.azure.readmodel;

import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.StreamId;

import java.time.Duration;
import java.util.Optional;

/**
 * Answers questions from the declared {@link ReadModel read models} (the auto-configured bean). Rows are eventually
 * consistent with the streams; {@link #await} waits for a given write.
 */
public interface ReadModels {

    /** The row of one instance, as the model's current version has it; empty when it has none (yet). */
    Optional<ReadModelRow> find(String model, String key);

    /**
     * One page of the rows the filter selects.
     *
     * @param pageSize     at most this many rows, 1 to 1,000
     * @param continuation null for the first page, else the previous page's {@link RowPage#continuation()}
     * @throws IllegalArgumentException for an unknown model or column, a value of the wrong type, or a continuation
     *                                  of another query
     */
    RowPage query(String model, RowFilter filter, int pageSize, String continuation);

    /**
     * Waits until the model's row of the stream reflects the write (its last sequence or later), applied in this or
     * any other process. True when it does within the timeout. A stream deleted after the write has no row, so the
     * wait for it ends false at the timeout: to wait for a deletion, wait for the model's lag to reach zero (the
     * {@code readModels} health details or the {@code eventsourcing.readmodel.lag} gauge).
     */
    boolean await(String model, StreamId id, AppendResult write, Duration timeout);

    /**
     * Rebuilds the model from scratch: a new generation of its rows is filled by a replay over every instance
     * (shared by the application's instances) while the current one keeps answering, then answers instead; the rows
     * of the one it replaces are deleted two refresh intervals later.
     *
     * @return false when a rebuild (or the first build of a new version) is under way already
     */
    boolean rebuild(String model);
}
