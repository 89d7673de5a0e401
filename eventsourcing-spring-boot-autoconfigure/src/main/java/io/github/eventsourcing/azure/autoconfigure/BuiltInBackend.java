package io.github.eventsourcing.azure.autoconfigure;

/** Marks the factories of the backends this library ships, which an application's factory of the same name replaces. */
interface BuiltInBackend {
}
