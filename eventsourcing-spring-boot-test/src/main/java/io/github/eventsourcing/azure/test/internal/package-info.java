/** The project's own build checks, shared by its modules' tests. Not API. */
package io.github.eventsourcing.azure.test.internal;
