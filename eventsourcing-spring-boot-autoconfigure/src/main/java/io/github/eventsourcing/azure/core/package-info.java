/**
 * The backend-independent core: event serialization and type names, limits, and the {@link
 * io.github.eventsourcing.azure.stream.EventStream} implementation that turns the public API into {@link
 * io.github.eventsourcing.azure.spi.EventStore} calls.
 */
package io.github.eventsourcing.azure.core;
