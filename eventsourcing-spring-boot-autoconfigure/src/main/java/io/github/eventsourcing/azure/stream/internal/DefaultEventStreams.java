package io.github.eventsourcing.azure.stream.internal;

import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.EventStoreLimits;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/** The {@link EventStreams} behind the auto-configured bean. */
public final class DefaultEventStreams implements EventStreams {

    private final EventStoreRouter router;
    private final EventSerializer serializer;
    private final EventStoreLimits limits;
    private final List<StreamChangeListener> listeners;
    private final NewStreamKeys newStreamKeys;
    private final StreamVersions versions;
    private final StreamAppends appends;

    /**
     * @param versions     the versions this process saw of the streams, which appends without an expected version try
     *                     first; private to this instance, like the process's knowledge
     * @param outcomeCheck how an append whose outcome is unknown is settled (see {@link AppendOutcomeCheck})
     */
    public DefaultEventStreams(EventStoreRouter router, EventSerializer serializer, EventStoreLimits limits, Clock clock,
                               List<StreamChangeListener> listeners, NewStreamKeys newStreamKeys,
                               StreamVersions versions, AppendOutcomeCheck outcomeCheck) {
        this.router = router;
        this.serializer = serializer;
        this.limits = limits;
        this.listeners = List.copyOf(listeners);
        this.newStreamKeys = newStreamKeys;
        this.versions = versions;
        this.appends = new StreamAppends(versions, this.listeners, limits, clock, outcomeCheck);
    }

    /**
     * Streams with a version cache of the {@linkplain StreamVersions#DEFAULT_SIZE default size}, whose appends of
     * unknown outcome are looked for during the {@linkplain AppendOutcomeCheck#DEFAULT_TIMEOUT default} time.
     */
    public DefaultEventStreams(EventStoreRouter router, EventSerializer serializer, EventStoreLimits limits, Clock clock,
                               List<StreamChangeListener> listeners, NewStreamKeys newStreamKeys) {
        this(router, serializer, limits, clock, listeners, newStreamKeys, new StreamVersions(StreamVersions.DEFAULT_SIZE),
                new AppendOutcomeCheck(AppendOutcomeCheck.DEFAULT_TIMEOUT));
    }

    /** Streams whose new keys follow the {@linkplain NewStreamKeys#STRICT strict} rule. */
    public DefaultEventStreams(EventStoreRouter router, EventSerializer serializer, EventStoreLimits limits, Clock clock,
                               List<StreamChangeListener> listeners) {
        this(router, serializer, limits, clock, listeners, NewStreamKeys.STRICT);
    }

    public DefaultEventStreams(EventStoreRouter router, EventSerializer serializer) {
        this(router, serializer, EventStoreLimits.DEFAULT, Clock.systemUTC(), List.of());
    }

    @Override
    public EventStream stream(StreamId id) {
        return new DefaultEventStream(id, router.storeFor(id.type()), serializer, limits, listeners, newStreamKeys,
                versions, appends);
    }

    @Override
    public void forEachInstanceKey(StreamId.StreamType type, Consumer<String> action) {
        router.storeFor(type).forEachInstanceKey(type, action);
    }

    public EventSerializer serializer() {
        return serializer;
    }

    public EventStoreLimits limits() {
        return limits;
    }

    public EventStoreRouter router() {
        return router;
    }
}
