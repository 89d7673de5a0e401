package io.github.eventsourcing.azure.autoconfigure;

import io.github.eventsourcing.azure.spi.EventStore;

/**
 * Wraps each store that the {@link ConfiguredEventStoreRouter} creates, for example to observe its calls (the
 * auto-configured observation does this). Declare a bean of this type to add a decorator of your own; decorators
 * are applied in their {@code @Order}, each wrapping the result of the one before, once per store at start-up.
 */
@FunctionalInterface
public interface EventStoreDecorator {

    /** The store to use in place of the given one; a decorator keeps the store's optional interfaces it supports. */
    EventStore decorate(EventStore store);
}
