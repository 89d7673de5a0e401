package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.spi.ChangeFeed;
import io.github.eventsourcing.azure.spi.ChangeIndex;
import io.github.eventsourcing.azure.stream.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Keeps the {@link ChangeIndex} of each feed up to date, on a thread of its own, so that neither a write nor a
 * publish waits for it, and an Event Grid outage does not hold it up:
 * <ul>
 *   <li>a write in this process {@link #changed adds} its stream's entry (the writing thread only queues it);</li>
 *   <li>a stream the dispatcher {@link #settled published completely} loses its entry, and is then read again: a
 *       write that came in between (of any process) puts the entry back, so a removal never hides a change.</li>
 * </ul>
 * The tasks of one stream run in the order asked, so this process never removes an entry before it wrote it. Only the
 * latest task of a stream that waits runs: a removal checks again anyway, and an entry added after a removal is what
 * the later write needs. At most {@code maxQueued} streams wait; entries beyond are not written and, like entries
 * lost in a crash or a failed request, are left to the slow sweep.
 */
final class ChangeIndexUpkeep implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChangeIndexUpkeep.class);

    private enum Task { ADD, SETTLE }

    private record Entry(ChangeFeed feed, StreamId streamId) {
    }

    private final ExecutorService thread;
    private final int maxQueued;
    private final Object lock = new Object();
    private final Map<Entry, Task> waiting = new LinkedHashMap<>();
    private boolean scheduled;
    private boolean closed;

    ChangeIndexUpkeep(ExecutorService thread, int maxQueued) {
        this.thread = thread;
        this.maxQueued = maxQueued;
    }

    /** The stream was written in this process: its entry is added soon. Never blocks, never throws. */
    void changed(ChangeFeed feed, StreamId streamId) {
        submit(feed, streamId, Task.ADD);
    }

    /** Everything the feed held for the stream was published: its entry is removed, unless a write came meanwhile. */
    void settled(ChangeFeed feed, StreamId streamId) {
        submit(feed, streamId, Task.SETTLE);
    }

    private void submit(ChangeFeed feed, StreamId streamId, Task task) {
        if (feed.index().isEmpty()) {
            return;
        }
        Entry entry = new Entry(feed, streamId);
        synchronized (lock) {
            if (closed || (!waiting.containsKey(entry) && waiting.size() >= maxQueued)) {
                log.debug("Change index task {} of {} dropped; the sweep finds the stream", task, streamId);
                return;
            }
            waiting.remove(entry);
            waiting.put(entry, task);
            if (!scheduled) {
                scheduled = true;
                try {
                    thread.execute(this::work);
                } catch (RejectedExecutionException shutDown) {
                    scheduled = false;
                }
            }
        }
    }

    private void work() {
        while (true) {
            Map<Entry, Task> tasks;
            synchronized (lock) {
                if (waiting.isEmpty() || closed) {
                    scheduled = false;
                    return;
                }
                tasks = new LinkedHashMap<>(waiting);
                waiting.clear();
            }
            Map<ChangeFeed, List<StreamId>> additions = new LinkedHashMap<>();
            tasks.forEach((entry, task) -> {
                if (task == Task.ADD) {
                    additions.computeIfAbsent(entry.feed(), feed -> new ArrayList<>()).add(entry.streamId());
                }
            });
            additions.forEach(ChangeIndexUpkeep::add);
            tasks.forEach((entry, task) -> {
                if (task == Task.SETTLE) {
                    settle(entry);
                }
            });
        }
    }

    private static void add(ChangeFeed feed, List<StreamId> streams) {
        try {
            feed.index().orElseThrow().add(streams);
        } catch (RuntimeException e) {
            log.warn("Could not add {} stream(s) to the change index of {}; the sweep finds them", streams.size(),
                    feed.name(), e);
        }
    }

    private static void settle(Entry entry) {
        ChangeIndex index = entry.feed().index().orElseThrow();
        try {
            index.remove(entry.streamId());
        } catch (RuntimeException e) {
            // The entry stays: a later poll reads the stream, finds nothing and settles it again.
            log.debug("Could not remove {} from the change index of {}", entry.streamId(), entry.feed().name(), e);
            return;
        }
        boolean pending;
        try {
            pending = !entry.feed().read(entry.streamId(), 1).isEmpty();
        } catch (RuntimeException e) {
            pending = true; // unknown: keep the entry, which is harmless
        }
        if (pending) {
            add(entry.feed(), List.of(entry.streamId()));
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            waiting.clear();
        }
        thread.shutdown();
    }
}
