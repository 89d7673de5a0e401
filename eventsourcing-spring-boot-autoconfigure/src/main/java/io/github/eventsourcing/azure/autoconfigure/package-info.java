/**
 * Spring Boot auto-configuration: {@code eventsourcing.*} properties, the core beans (storage JSON mapper, event types,
 * limits, router, {@link io.github.eventsourcing.azure.stream.EventStreams}, projections), one auto-configuration per
 * storage backend, each contributing an {@link io.github.eventsourcing.azure.spi.EventStoreFactory}, and the
 * start-up checks that fail a wrong configuration with a message that says what to change.
 */
package io.github.eventsourcing.azure.autoconfigure;
