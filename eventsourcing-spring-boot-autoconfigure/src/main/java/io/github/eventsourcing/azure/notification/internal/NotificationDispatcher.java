package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.concurrent.internal.Backoff;
import io.github.eventsourcing.azure.concurrent.internal.EventSourcingExecutors;
import io.github.eventsourcing.azure.notification.NotificationPublishException;
import io.github.eventsourcing.azure.notification.NotificationPublisher;
import io.github.eventsourcing.azure.spi.ChangeFeed;
import io.github.eventsourcing.azure.spi.ChangeIndex;
import io.github.eventsourcing.azure.spi.DeadLetter;
import io.github.eventsourcing.azure.spi.DeadLetterStore;
import io.github.eventsourcing.azure.spi.PendingChanges;
import io.github.eventsourcing.azure.spi.PublishedMarkContendedException;
import io.github.eventsourcing.azure.stream.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Publishes the notifications of durable backends' writes, at least once: it takes what each {@link ChangeFeed}
 * records as unpublished, publishes it and moves the feed's marks. Nothing it does can block or fail a write.
 *
 * <ul>
 *   <li><b>Low latency:</b> a write in this process {@link #kick kicks} its stream at once.</li>
 *   <li><b>Nothing missed:</b> every registered feed is polled at start and then every poll interval, which picks
 *       up writes whose process died before publishing, writes of other instances that are gone, and anything a
 *       full queue dropped. Streams changed within the last {@code pollMinAge} are left to the instance that wrote
 *       them, to avoid needless duplicates.</li>
 *   <li><b>Polls cost what changed:</b> for a feed with a {@link ChangeFeed#index() change index}, a poll reads the
 *       index only, and a full search of the feed (the sweep) runs at start and then every sweep interval, for index
 *       entries lost in a crash. Kicks add their streams' entries, and streams published completely lose theirs
 *       (see {@link ChangeIndexUpkeep}).</li>
 *   <li><b>Outages:</b> when publishing fails, all dispatching pauses with exponential back-off (Event Grid is most
 *       likely down for every stream) and the failed stream is retried after its own back-off (so one stream that
 *       keeps failing cannot hold up the others). Progress made before a failure is recorded.</li>
 *   <li><b>Never twice from one process:</b> what it published but could not record as published (the mark lost its
 *       race with appends, or failed) is remembered per stream, and the next attempt records the mark without
 *       publishing it again.</li>
 *   <li><b>Several instances:</b> may dispatch the same stream at once, and a process that dies between publishing
 *       and recording takes what it remembered with it; subscribers then see a notification twice with the same id.
 *       The feeds' conditional marks keep progress monotonic.</li>
 * </ul>
 *
 * <p>It publishes nothing until {@link #start started}: kicks before that are queued, and published at start. In a
 * Spring application context it is a {@link SmartLifecycle}, started once the context is refreshed and stopped when
 * it closes, before any bean is destroyed (see {@link #getPhase}). Stopped, it can be started again; {@link #close}
 * ends it for good.
 */
public final class NotificationDispatcher implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

    /** Safety stop for one stream in one go (re-queued after): 1,000 reads of {@code batchSize} events. */
    private static final int MAX_ROUNDS_PER_DISPATCH = 1_000;

    /** How long {@link #stop} waits for the dispatches in flight (each ends after its current request). */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** The lifecycle phase of the dispatcher and of the {@link BestEffortPublisher}: see {@link #getPhase}. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

    /**
     * @param pollInterval     how often every feed is searched for pending streams
     * @param pollMinAge       streams changed more recently than this are left out of a poll
     * @param initialBackoff   the first pause after a failure, doubled with each further failure
     * @param maxBackoff       the longest pause
     * @param batchSize        events read and published per round
     * @param threads          streams dispatched at once
     * @param maxQueuedStreams streams waiting at most; more are left for the next poll
     * @param maxAttempts      attempts at a stream's notifications that cannot be built or that the topic refuses,
     *                         before they are set aside as a dead letter
     * @param maxTopicPause    the longest publisher-wide pause while the topic is unreachable, so that the backlog
     *                         resumes within about this long of the topic's return
     * @param sweepInterval    how often a feed with a change index is searched in full (polls in between read the
     *                         index only)
     */
    public record Settings(Duration pollInterval, Duration pollMinAge, Duration initialBackoff, Duration maxBackoff,
                           int batchSize, int threads, int maxQueuedStreams, int maxAttempts, Duration maxTopicPause,
                           Duration sweepInterval) {

        public static final int DEFAULT_MAX_ATTEMPTS = 10;
        public static final Duration DEFAULT_MAX_TOPIC_PAUSE = Duration.ofSeconds(4);
        public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofHours(1);

        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(1), Duration.ofMinutes(5), 100, 2, 10_000);

        /** With the default attempts before a dead letter and the default longest topic pause. */
        public Settings(Duration pollInterval, Duration pollMinAge, Duration initialBackoff, Duration maxBackoff,
                        int batchSize, int threads, int maxQueuedStreams) {
            this(pollInterval, pollMinAge, initialBackoff, maxBackoff, batchSize, threads, maxQueuedStreams,
                    DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_TOPIC_PAUSE);
        }

        /** With the default sweep interval. */
        public Settings(Duration pollInterval, Duration pollMinAge, Duration initialBackoff, Duration maxBackoff,
                        int batchSize, int threads, int maxQueuedStreams, int maxAttempts, Duration maxTopicPause) {
            this(pollInterval, pollMinAge, initialBackoff, maxBackoff, batchSize, threads, maxQueuedStreams,
                    maxAttempts, maxTopicPause, DEFAULT_SWEEP_INTERVAL);
        }

        public Settings {
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(pollMinAge, "pollMinAge");
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(maxTopicPause, "maxTopicPause");
            Objects.requireNonNull(sweepInterval, "sweepInterval");
            if (maxAttempts < 1 || maxTopicPause.isNegative() || maxTopicPause.isZero()) {
                throw new IllegalArgumentException("maxAttempts and maxTopicPause must be positive");
            }
            if (pollInterval.isNegative() || pollInterval.isZero() || sweepInterval.isNegative()
                    || sweepInterval.isZero() || initialBackoff.isNegative()
                    || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("Dispatch intervals must be positive and maxBackoff >= initialBackoff");
            }
            if (batchSize < 1 || threads < 1 || maxQueuedStreams < 1) {
                throw new IllegalArgumentException("batchSize, threads and maxQueuedStreams must be positive");
            }
        }

        /**
         * The pauses after failures: from the initial back-off (at least 1 ms), doubled with each failure, up to 20%
         * longer so that instances that failed together do not retry in lockstep, never beyond the max back-off.
         */
        Backoff backoff() {
            return backoff(maxBackoff);
        }

        /** The publisher-wide pauses while the topic is unreachable: the same, but never beyond the max topic pause. */
        Backoff topicBackoff() {
            return backoff(maxTopicPause.compareTo(maxBackoff) < 0 ? maxTopicPause : maxBackoff);
        }

        private Backoff backoff(Duration max) {
            Duration first = initialBackoff.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : initialBackoff;
            return new Backoff(first.compareTo(max) > 0 ? max : first, max, 1.0, 1.2);
        }
    }

    private record Work(ChangeFeed feed, StreamId streamId) {
    }

    /**
     * A stream's failures in a row: all of them (for its back-off), the undeliverable ones (for its dead letter) and
     * since when.
     */
    private record Failures(int attempts, int undeliverable, Instant since) {

        static Failures of(RuntimeException failure, Instant now) {
            return new Failures(1, failure instanceof UndeliverableNotificationsException ? 1 : 0, now);
        }

        Failures then(Failures next) {
            return new Failures(attempts + next.attempts, undeliverable + next.undeliverable, since);
        }
    }

    /**
     * What this dispatcher knows is still unpublished: the streams it is working on (queued, being published, or
     * waiting for a retry after a failure).
     *
     * @param streams            how many streams have unpublished notifications
     * @param failingStreams     how many of them failed to publish at their last attempt
     * @param deadLetteredStreams how many streams wait behind a dead letter (not counted in {@code streams})
     * @param oldestPendingSince since when the stream it has known longest has been waiting; null when none is. A
     *                           poll finds a stream only once its change is {@code pollMinAge} old, so its
     *                           notifications have been unpublished for at least that much longer.
     */
    public record Backlog(int streams, int failingStreams, int deadLetteredStreams, Instant oldestPendingSince) {
    }

    private final NotificationPublisher publisher;
    private final NotificationSwitches switches;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, ChangeFeed> feeds = new ConcurrentHashMap<>();
    /** Where each feed's undeliverable notifications go, by feed name; a feed without stays retrying. */
    private final Map<String, DeadLetterStore> deadLetters = new ConcurrentHashMap<>();
    private final Backoff backoff;
    private final Backoff topicBackoff;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final ChangeIndexUpkeep indexUpkeep;
    /** When each feed (by name) is next searched in full; a feed not in it is searched at its next poll. */
    private final Map<String, Long> nextSweepNanos = new ConcurrentHashMap<>();

    private final Object lock = new Object();
    private final LinkedHashSet<Work> queue = new LinkedHashSet<>();
    private final Set<Work> running = new HashSet<>();
    private final Set<Work> kickedWhileRunning = new HashSet<>();
    private final Map<Work, Failures> failuresByWork = new HashMap<>();
    /** Streams whose notifications wait behind a dead letter (of this or another process), until released. */
    private final Map<Work, DeadLetter> deadLettered = new HashMap<>();
    /** When each stream being worked on was found to have unpublished notifications (or published the last ones). */
    private final Map<Work, Instant> pendingSince = new HashMap<>();
    /**
     * Per stream, the ids of notifications this process published but could not yet record as published (the mark
     * lost its race, or failed): the next dispatch skips them and only moves the mark. Only one dispatch of a stream
     * runs at a time; emptied when a mark succeeds, dropped when the stream is done.
     */
    private final Map<Work, Set<String>> publishedUnmarked = new ConcurrentHashMap<>();
    /**
     * Work done for a stream in its pass, after its changes are read and before its notifications go out and its mark
     * moves (the read models): so the mark covers it, and a topic outage does not hold it up. Must not throw.
     */
    private volatile Consumer<StreamId> beforeMark = id -> {
    };
    /** Publisher-wide failures in a row: the topic was unreachable. */
    private int topicFailures;
    /** Streams whose last attempt found the topic unreachable: they wait in the queue, for no fault of theirs. */
    private final Set<Work> waitingForTopic = new HashSet<>();
    /** Compared as {@code nanoTime() - pausedUntilNanos < 0}, overflow-safe; starts as "not paused". */
    private long pausedUntilNanos = System.nanoTime();
    /** Between {@link #start} and {@link #stop}: polling, and taking work off the queue. */
    private boolean started;
    private ScheduledFuture<?> polling;
    private boolean closed;

    /** With threads of its own (outside an application context), ended by {@link #close}. */
    public NotificationDispatcher(NotificationPublisher publisher, NotificationSwitches switches, Settings settings,
                                  Clock clock) {
        this(publisher, switches, settings, clock, new EventSourcingExecutors());
    }

    public NotificationDispatcher(NotificationPublisher publisher, NotificationSwitches switches, Settings settings,
                                  Clock clock, EventSourcingExecutors executors) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.switches = Objects.requireNonNull(switches, "switches");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.backoff = settings.backoff();
        this.topicBackoff = settings.topicBackoff();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = executors.scheduler("notify-timer");
        this.workers = executors.fixed("notify-", settings.threads());
        this.indexUpkeep = new ChangeIndexUpkeep(executors.fixed("notify-index-", 1), settings.maxQueuedStreams());
    }

    /**
     * Adds a feed to poll, whose undeliverable notifications become dead letters in the given store (once per name;
     * a feed is also registered by its first {@link #kick}, without a dead letter store).
     */
    public void register(ChangeFeed feed, DeadLetterStore deadLetterStore) {
        deadLetters.putIfAbsent(feed.name(), Objects.requireNonNull(deadLetterStore, "deadLetterStore"));
        register(feed);
    }

    /**
     * Sets the work done for each stream in its pass before its mark moves (see {@link #beforeMark}); the read models
     * set it, before the dispatcher starts.
     */
    public void beforeMarking(Consumer<StreamId> work) {
        this.beforeMark = Objects.requireNonNull(work, "work");
    }

    /** Adds a feed to poll (once per name; a feed is also registered by its first {@link #kick}). */
    public void register(ChangeFeed feed) {
        if (feeds.putIfAbsent(feed.name(), feed) == null) {
            synchronized (lock) {
                if (started && !closed) {
                    timer.execute(() -> poll(feed));
                }
            }
        }
    }

    /**
     * Starts publishing: what was kicked so far at once, and polling every registered feed at once, then every poll
     * interval. Does nothing when running or closed.
     */
    @Override
    public void start() {
        synchronized (lock) {
            if (started || closed) {
                return;
            }
            started = true;
            nextSweepNanos.clear();
            long interval = settings.pollInterval().toMillis();
            polling = timer.scheduleWithFixedDelay(this::pollAll, 0, interval, TimeUnit.MILLISECONDS);
        }
        drain();
    }

    /**
     * Stops polling and publishing, and waits (up to 10 s) for the requests in flight. Kicks are still queued, for
     * when it starts again; what is unpublished stays recorded in the feeds anyway.
     */
    @Override
    public void stop() {
        synchronized (lock) {
            if (!started) {
                return;
            }
            started = false;
            polling.cancel(false);
            polling = null;
        }
        awaitDispatchesInFlight();
    }

    /** Whether it is publishing: started and neither stopped nor closed. */
    @Override
    public boolean isRunning() {
        synchronized (lock) {
            return started;
        }
    }

    /**
     * After Spring Boot's web server starts ({@code DEFAULT_PHASE - 2048}), before its graceful shutdown
     * ({@code DEFAULT_PHASE - 1024}). So publishing starts only once the application takes requests (it may be
     * subscribed to its own topic, or stand in for one, as in the demo), and stops only after the requests in flight
     * at shutdown have finished, so that their writes are still published by this instance. Like every lifecycle
     * bean, it stops before any bean, such as a storage client, is destroyed.
     */
    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Dispatches the stream soon. Never blocks and never throws: a write in progress calls it. */
    void kick(ChangeFeed feed, StreamId streamId) {
        try {
            register(feed);
            ChangeFeed registered = feeds.getOrDefault(feed.name(), feed);
            indexUpkeep.changed(registered, streamId);
            enqueue(new Work(registered, streamId));
        } catch (RuntimeException e) {
            log.warn("Could not queue notifications of {}; the next poll will find them", streamId, e);
        }
    }

    /** What this dispatcher knows is still unpublished (for health checks and metrics). */
    public Backlog backlog() {
        synchronized (lock) {
            Instant oldest = pendingSince.values().stream().min(Instant::compareTo).orElse(null);
            Set<Work> failing = new HashSet<>(failuresByWork.keySet());
            failing.addAll(waitingForTopic);
            return new Backlog(pendingSince.size(), failing.size(), deadLettered.size(), oldest);
        }
    }

    /** Stops dispatching for good; what is unpublished stays recorded in the feeds for the next start. */
    @Override
    public void close() {
        stop();
        synchronized (lock) {
            closed = true;
            queue.clear();
            pendingSince.clear();
            publishedUnmarked.clear();
            waitingForTopic.clear();
        }
        timer.shutdownNow();
        indexUpkeep.close();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitDispatchesInFlight() {
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        synchronized (lock) {
            while (!running.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.warn("Stopped while publishing the notifications of {} stream(s); their next dispatch will "
                            + "publish them (again)", running.size());
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void pollAll() {
        for (ChangeFeed feed : List.copyOf(feeds.values())) {
            poll(feed);
        }
    }

    private void poll(ChangeFeed feed) {
        try {
            refreshDeadLettered(feed);
            Instant changedBefore = clock.instant().minus(settings.pollMinAge());
            Optional<ChangeIndex> index = feed.index();
            if (index.isPresent() && !sweepDue(feed)) {
                index.get().forEachEntry(changedBefore, id -> enqueue(new Work(feed, id)));
            } else {
                feed.forEachPendingStream(changedBefore, id -> enqueue(new Work(feed, id)));
                nextSweepNanos.put(feed.name(), System.nanoTime() + settings.sweepInterval().toNanos());
            }
        } catch (RuntimeException e) {
            log.warn("Could not search {} for unpublished notifications; retrying in {}", feed.name(),
                    settings.pollInterval(), e);
        }
    }

    /**
     * Whether the feed is due for a full search: at its first poll after a start, then a sweep interval after the
     * last one that succeeded.
     */
    private boolean sweepDue(ChangeFeed feed) {
        Long next = nextSweepNanos.get(feed.name());
        return next == null || System.nanoTime() - next >= 0;
    }

    private void enqueue(Work work) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (running.contains(work)) {
                kickedWhileRunning.add(work);
                return;
            }
            if (failuresByWork.containsKey(work) || queue.contains(work) || deadLettered.containsKey(work)) {
                return; // already waiting: for its retry, in the queue, or behind its dead letter
            }
            if (queue.size() >= settings.maxQueuedStreams()) {
                return; // left for the next poll
            }
            queue.add(work);
            pendingSince.putIfAbsent(work, clock.instant());
        }
        drain();
    }

    private void drain() {
        synchronized (lock) {
            if (!started || closed || System.nanoTime() - pausedUntilNanos < 0) {
                return;
            }
            Iterator<Work> next = queue.iterator();
            while (running.size() < settings.threads() && next.hasNext()) {
                Work work = next.next();
                next.remove();
                running.add(work);
                workers.execute(() -> run(work));
            }
        }
    }

    private void run(Work work) {
        RuntimeException failure = null;
        try {
            if (dispatch(work)) {
                indexUpkeep.settled(work.feed(), work.streamId());
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        Failures failed = null;
        synchronized (lock) {
            running.remove(work);
            lock.notifyAll(); // stop() may be waiting for the dispatches in flight
            boolean again = kickedWhileRunning.remove(work);
            if (failure == null) {
                topicFailures = 0;
                waitingForTopic.clear(); // the topic answers again
                failuresByWork.remove(work);
                publishedUnmarked.remove(work);
                pendingSince.remove(work);
                if (again && !closed) {
                    queue.add(work);
                    // What was pending has gone out; what arrived meanwhile is younger than this.
                    pendingSince.put(work, clock.instant());
                }
            } else if (failure instanceof NotificationPublishException topicUnreachable) {
                pauseForTopic(work, topicUnreachable);
            } else {
                failed = failuresByWork.merge(work, Failures.of(failure, clock.instant()), Failures::then);
            }
        }
        if (failed != null) {
            streamFailed(work, failed, failure);
        }
        drain();
    }

    /**
     * The topic is unreachable, for every stream alike: everything pauses (growing, up to the max topic pause), and
     * the stream waits in the queue without a failure of its own, to go first once the pause is over.
     */
    private void pauseForTopic(Work work, NotificationPublishException failure) {
        topicFailures++;
        Duration pause = topicBackoff.delay(topicFailures);
        pausedUntilNanos = System.nanoTime() + pause.toNanos();
        String message = "Event Grid is unreachable ({} time(s) in a row); pausing all notifications for {} ms: {}";
        if (topicFailures == 1) {
            log.warn(message, topicFailures, pause.toMillis(), failure.getMessage(), failure);
        } else {
            log.warn(message, topicFailures, pause.toMillis(), failure.getMessage());
        }
        waitingForTopic.add(work);
        if (!closed) {
            queue.add(work);
            timer.schedule(this::drain, pause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * One stream failed, for reasons of its own: it alone backs off, and its notifications become a dead letter
     * once they were undeliverable {@code maxAttempts} times. Losing the race for its mark is routine: logged at
     * DEBUG only.
     */
    private void streamFailed(Work work, Failures failed, RuntimeException failure) {
        if (failure instanceof UndeliverableNotificationsException undeliverable
                && failed.undeliverable() >= settings.maxAttempts() && fileDeadLetter(work, failed, undeliverable)) {
            return;
        }
        Duration retry = backoff.delay(failed.attempts());
        String message = "Publishing notifications of {} failed ({} time(s) in a row); retrying this stream in {} ms: "
                + "{}";
        if (failure instanceof PublishedMarkContendedException) {
            log.debug(message, work.streamId(), failed.attempts(), retry.toMillis(), failure.getMessage());
        } else if (failed.attempts() == 1) {
            log.warn(message, work.streamId(), failed.attempts(), retry.toMillis(), failure.getMessage(), failure);
        } else {
            log.warn(message, work.streamId(), failed.attempts(), retry.toMillis(), failure.getMessage());
        }
        synchronized (lock) {
            if (!closed) {
                timer.schedule(() -> retry(work), retry.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Sets the notifications aside as a dead letter; false when it could not be stored (the stream retries). */
    private boolean fileDeadLetter(Work work, Failures failed, UndeliverableNotificationsException failure) {
        DeadLetterStore store = deadLetters.get(work.feed().name());
        if (store == null) {
            return false;
        }
        DeadLetter letter = new DeadLetter(DeadLetter.idOf(DeadLetter.NOTIFICATION, work.streamId(),
                failure.fromSequence()), DeadLetter.NOTIFICATION, work.streamId(), failure.fromSequence(),
                failure.toSequence(), failed.undeliverable(), failure.getMessage(), failed.since(), clock.instant());
        try {
            store.save(letter);
        } catch (RuntimeException e) {
            log.warn("Could not set aside the undeliverable notifications of {} as a dead letter; retrying them",
                    work.streamId(), e);
            return false;
        }
        log.warn("Notifications of {} (events {} to {}) could not be published after {} attempts: set aside as dead "
                + "letter {}; the stream's later notifications wait until it is retried or skipped. Last error: {}",
                work.streamId(), letter.fromSequence(), letter.toSequence(), letter.attempts(), letter.id(),
                letter.lastError());
        synchronized (lock) {
            deadLettered.put(work, letter);
            failuresByWork.remove(work);
            publishedUnmarked.remove(work);
            pendingSince.remove(work);
        }
        return true;
    }

    /** Takes the feed's dead letters as they are stored now: other processes file and release them too. */
    private void refreshDeadLettered(ChangeFeed feed) {
        DeadLetterStore store = deadLetters.get(feed.name());
        if (store == null) {
            return;
        }
        List<DeadLetter> letters = store.list().stream()
                .filter(letter -> letter.kind().equals(DeadLetter.NOTIFICATION)).toList();
        synchronized (lock) {
            deadLettered.keySet().removeIf(work -> work.feed() == feed);
            letters.forEach(letter -> deadLettered.put(new Work(feed, letter.stream()), letter));
        }
    }

    /**
     * Releases the stream held behind its dead letter (retried or skipped, and removed from storage by the caller)
     * and dispatches it at once: from its published mark, with a fresh count of attempts.
     */
    public void release(ChangeFeed feed, DeadLetter letter) {
        ChangeFeed registered = feeds.getOrDefault(feed.name(), feed);
        Work work = new Work(registered, letter.stream());
        synchronized (lock) {
            deadLettered.remove(work);
            failuresByWork.remove(work);
        }
        enqueue(work);
    }

    private void retry(Work work) {
        synchronized (lock) {
            if (closed || running.contains(work)) {
                return;
            }
            queue.add(work);
        }
        drain();
    }

    /**
     * Publishes everything the feed holds for the stream, recording progress as it goes; once stopped, only the
     * round under way, the rest being re-queued. True when it published everything it found.
     */
    private boolean dispatch(Work work) {
        Set<String> publishedUnmarked = this.publishedUnmarked.computeIfAbsent(work,
                w -> ConcurrentHashMap.newKeySet());
        for (int round = 0; round < MAX_ROUNDS_PER_DISPATCH; round++) {
            if (!isRunning()) {
                enqueueAfterwards(work);
                return false;
            }
            PendingChanges changes = work.feed().read(work.streamId(), batchSizeFor(work));
            if (round == 0 || !changes.isEmpty()) {
                // After the read, so that whatever this round marks is covered.
                beforeMark.accept(work.streamId());
            }
            ChangeNotifications plan;
            try {
                plan = ChangeNotifications.plan(changes, switches, publishedUnmarked::contains);
            } catch (RuntimeException e) {
                throw undeliverable(changes, changes.publishedVersion(), e);
            }
            int published = plan.notifications().size();
            try {
                if (!plan.notifications().isEmpty()) {
                    publisher.publish(plan.notifications());
                }
            } catch (NotificationPublishException e) {
                remember(publishedUnmarked, plan, e.publishedCount());
                boolean recorded = recordPartialProgress(work.feed(), plan, e.publishedCount());
                if (TopicFailures.isTopicUnreachable(e)) {
                    throw e;
                }
                throw undeliverable(changes, recorded ? plan.publishedVersionAfter(e.publishedCount())
                        : changes.publishedVersion(), e);
            } catch (RuntimeException e) {
                // E.g. a notification that cannot be written as JSON.
                throw undeliverable(changes, changes.publishedVersion(), e);
            }
            remember(publishedUnmarked, plan, published);
            // Contended, this throws; the next attempt re-reads the stream and, skipping what is remembered as
            // published, only records the mark.
            work.feed().markPublished(changes, plan.publishedVersionAfter(published));
            publishedUnmarked.clear();
            if (!changes.hasMoreEvents()) {
                return true;
            }
        }
        enqueueAfterwards(work);
        return false;
    }

    /** Remembers the first {@code count} notifications of the plan as published, until the mark records them. */
    private static void remember(Set<String> publishedUnmarked, ChangeNotifications plan, int count) {
        plan.notifications().subList(0, count).forEach(notification -> publishedUnmarked.add(notification.id()));
    }

    /**
     * Records what went out before a failure, so that a long outage does not mean re-publishing it all; true when it
     * did.
     */
    private static boolean recordPartialProgress(ChangeFeed feed, ChangeNotifications plan, int publishedCount) {
        if (publishedCount > 0 && plan.isRecordable(publishedCount)) {
            try {
                feed.markPublished(plan.changes(), plan.publishedVersionAfter(publishedCount));
                return true;
            } catch (RuntimeException e) {
                log.debug("Could not record partial progress of {}", plan.changes().streamId(), e);
            }
        }
        return false;
    }

    /**
     * The events read after {@code publishedThrough} could not be announced. Their range is what a dead letter would
     * hold back; when no event was read (only deletions were pending), the range is empty.
     */
    private static UndeliverableNotificationsException undeliverable(PendingChanges changes, long publishedThrough,
                                                                     RuntimeException cause) {
        long last = changes.events().isEmpty() ? publishedThrough
                : changes.events().get(changes.events().size() - 1).sequence();
        return new UndeliverableNotificationsException(publishedThrough + 1, last, cause);
    }

    /**
     * Events read per round: one at a time once the stream's notifications were undeliverable, so that what works
     * goes out and a dead letter holds back only the event that does not.
     */
    private int batchSizeFor(Work work) {
        synchronized (lock) {
            Failures failed = failuresByWork.get(work);
            return failed != null && failed.undeliverable() > 0 ? 1 : settings.batchSize();
        }
    }

    private void enqueueAfterwards(Work work) {
        synchronized (lock) {
            kickedWhileRunning.add(work);
        }
    }
}
