/**
 * Test support for applications built on the library: {@link io.github.eventsourcing.azure.test.ProjectionScenario}
 * (given / when / then for projections and classifications, no Spring needed) and
 * {@code @AutoConfigureInMemoryEventStreams} (every stream rule served by the in-memory backend in a Spring test).
 * Throws {@link java.lang.AssertionError}s, so it works with any test framework.
 */
package io.github.eventsourcing.azure.test;
