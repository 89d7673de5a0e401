package io.github.eventsourcing.azure.spi;

/**
 * Implemented by an {@link EventStore} whose writes leave a durable record of unpublished notifications. Stores
 * without one (the in-memory store) get best-effort notifications published straight after each write.
 */
public interface ChangeFeedSource {

    /** The feed of this store's storage; the same instance on every call. */
    ChangeFeed changeFeed();
}
