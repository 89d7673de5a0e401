package io.github.eventsourcing.azure.autoconfigure;

import io.github.eventsourcing.azure.spi.EventStore;

/**
 * Wraps each store that the {@link ConfiguredEventStoreRouter} creates, for example to observe its calls (the
 * auto-configured observation does this). Declare a bean of this type to add a decorator of your own; decorators
 * are applied in their {@code @Order}, each wrapping the result of the one before, once per store at start-up.
 */
@FunctionalInterface
public interface EventStoreDecorator {

    /**
     * The store to use in place of the given one. A decorator forwards the capabilities the store declares
     * ({@link EventStore#snapshots()}, {@link EventStore#changeFeed()}, {@link EventStore#healthProbe()}), or the
     * store loses them.
     */
    EventStore decorate(EventStore store);
}
