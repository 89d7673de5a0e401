/**
 * Micrometer Observations of the event store, projections and classifications: one instrumentation from which
 * Micrometer derives latency timers, outcome counts and tracing spans. {@link
 * io.github.eventsourcing.azure.observation.EventSourcingObservation} documents every observation name and key.
 * The auto-configuration applies it when an {@code ObservationRegistry} bean exists.
 */
package io.github.eventsourcing.azure.observation;
