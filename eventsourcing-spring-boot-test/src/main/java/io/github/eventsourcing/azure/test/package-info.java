/**
 * Test support for services built on the library, from the {@code eventsourcing-spring-boot-test} artifact (test
 * scope): {@link io.github.eventsourcing.azure.test.ProjectionScenario} (given / when / then for projections and
 * classifications, no Spring needed), {@link io.github.eventsourcing.azure.test.InMemoryEventSourcing} (streams and
 * projections over a fresh in-memory store), {@code @AutoConfigureInMemoryEventStreams} (every stream rule served by
 * the in-memory backend in a Spring test), {@link io.github.eventsourcing.azure.test.Azurite} (the storage emulator
 * for integration tests) and {@link io.github.eventsourcing.azure.test.ApiOnly} (an ArchUnit rule that keeps code off
 * the library's internal packages). The contract suite for backends of one's own is in
 * {@link io.github.eventsourcing.azure.test.contract}. Failures are {@link java.lang.AssertionError}s, so the
 * scenarios work with any test framework.
 */
package io.github.eventsourcing.azure.test;
