/** Auto-configuration of commands. */
package io.github.eventsourcing.azure.autoconfigure.command;
