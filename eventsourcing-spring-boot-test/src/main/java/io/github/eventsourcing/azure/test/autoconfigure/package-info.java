/**
 * The test auto-configuration behind {@code @AutoConfigureInMemoryEventStreams} and the
 * {@code eventsourcing.test.in-memory} property.
 */
package io.github.eventsourcing.azure.test.autoconfigure;
