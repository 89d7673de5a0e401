/** Implementation of projections and classifications: folding, handler methods, snapshots. Not API. */
package io.github.eventsourcing.azure.projection.internal;
