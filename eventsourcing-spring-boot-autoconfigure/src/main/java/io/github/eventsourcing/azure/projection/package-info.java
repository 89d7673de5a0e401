/**
 * Projections and classifications: folding a stream into current state on demand. A projection is a plain class
 * with one {@link io.github.eventsourcing.azure.projection.EventHandler} method per event type it cares about; a
 * classification is a projection whose handlers answer {@link io.github.eventsourcing.azure.projection.Classified}.
 */
package io.github.eventsourcing.azure.projection;
