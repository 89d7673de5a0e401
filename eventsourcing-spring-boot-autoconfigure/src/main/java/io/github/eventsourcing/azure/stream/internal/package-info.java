/**
 * Implementation of the event streams over the backend SPI: serialization, event type names, the stream API. Not API.
 *
 * <p>Appends pass through {@link io.github.eventsourcing.azure.stream.internal.StreamAppends}: an append without an
 * expected version first expects the version this process saw last ({@link
 * io.github.eventsourcing.azure.stream.internal.StreamVersions}, a bounded cache per {@code EventStreams}), which the
 * backend's condition checks, and concurrent ones to the same stream share a transaction (group commit). What each
 * append is told is decided by the backend through {@link io.github.eventsourcing.azure.stream.internal.AppendDecision},
 * so neither changes an outcome, only the number of requests.
 */
package io.github.eventsourcing.azure.stream.internal;
