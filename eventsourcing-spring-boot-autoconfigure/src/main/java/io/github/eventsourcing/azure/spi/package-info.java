/**
 * The service-provider interface a storage backend implements: one {@link io.github.eventsourcing.azure.spi.EventStore}
 * per backend, small enough that a new backend is one package. A store declares what it offers beyond its streams
 * (snapshots, a change feed, dead letters, a health probe) through {@code EventStore}'s methods, never through the interfaces it
 * implements. Every implementation must pass the shared contract suite ({@code EventStoreContractTest} in this
 * module's test jar).
 */
package io.github.eventsourcing.azure.spi;
