package io.github.eventsourcing.azure.spi;

/**
 * Creates the {@link EventStore} of one backend for a named connection. Each backend's auto-configuration contributes
 * one as a bean; the auto-configured {@link EventStoreRouter} asks it for a store once per connection that a stream rule
 * names. Contribute one as a bean to add a backend of your own, or to replace a built-in one: a factory of the
 * application whose {@link #backend()} is, say, {@code table} is used instead of the built-in table backend.
 */
public interface EventStoreFactory {

    /** The name that {@code eventsourcing.streams.*.backend} uses for this backend, e.g. {@code table}. */
    String backend();

    /** False when the backend stores nowhere a connection could name (in-memory): its rules need no connection. */
    default boolean needsConnection() {
        return true;
    }

    /**
     * Creates the store for one connection; called at start-up, once per connection.
     *
     * @param connection the connection; null when {@link #needsConnection()} is false
     * @throws IllegalArgumentException when the connection cannot serve this backend (e.g. it has no endpoint for
     *                                  it), with a message that says what to fix and holds no secret: the start
     *                                  fails with it
     */
    EventStore create(StorageConnection connection);
}
