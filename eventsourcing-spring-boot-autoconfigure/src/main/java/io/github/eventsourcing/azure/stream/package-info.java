/**
 * The public API for event streams: address a stream with a {@link io.github.eventsourcing.azure.stream.StreamId},
 * append events to an {@link io.github.eventsourcing.azure.stream.EventStream} with optimistic concurrency and
 * read them back as {@link io.github.eventsourcing.azure.stream.RecordedEvent}s.
 */
package io.github.eventsourcing.azure.stream;
