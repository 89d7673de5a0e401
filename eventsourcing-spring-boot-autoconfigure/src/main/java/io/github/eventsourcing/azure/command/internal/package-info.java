/** Implementation of commands: the runner, claims, the index of open commands. Not API. */
package io.github.eventsourcing.azure.command.internal;
