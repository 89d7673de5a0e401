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
    private final Clock clock;
    private final List<StreamChangeListener> listeners;
    private final NewStreamKeys newStreamKeys;
    private final AppendOutcomeCheck outcomeCheck;

    /**
     * @param outcomeCheck how an append whose outcome is unknown is settled (see {@link AppendOutcomeCheck})
     */
    public DefaultEventStreams(EventStoreRouter router, EventSerializer serializer, EventStoreLimits limits, Clock clock,
                               List<StreamChangeListener> listeners, NewStreamKeys newStreamKeys,
                               AppendOutcomeCheck outcomeCheck) {
        this.router = router;
        this.serializer = serializer;
        this.limits = limits;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
        this.newStreamKeys = newStreamKeys;
        this.outcomeCheck = outcomeCheck;
    }

    /** Streams whose appends of unknown outcome are looked for during the {@linkplain AppendOutcomeCheck#DEFAULT_TIMEOUT default} time. */
    public DefaultEventStreams(EventStoreRouter router, EventSerializer serializer, EventStoreLimits limits, Clock clock,
                               List<StreamChangeListener> listeners, NewStreamKeys newStreamKeys) {
        this(router, serializer, limits, clock, listeners, newStreamKeys,
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
        return new DefaultEventStream(id, router.storeFor(id.type()), serializer, limits, clock, listeners,
                newStreamKeys, outcomeCheck);
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
