/**
 * Commands: work that spans several streams, recorded in a stream of its own so that it survives crashes.
 *
 * <p>A {@link io.github.eventsourcing.azure.command.CommandHandler} bean declares a command type's steps. Each
 * command instance is a stream (see {@link io.github.eventsourcing.azure.command.CommandType} for the address
 * scheme) that records its parameters, each step's start and completion, requested projections, cancellation and
 * its end; {@link io.github.eventsourcing.azure.command.CommandExecution},
 * {@link io.github.eventsourcing.azure.command.CommandParameters} and
 * {@link io.github.eventsourcing.azure.command.OutstandingRequests} are ordinary projections over it. The
 * {@link io.github.eventsourcing.azure.command.Commands} bean starts, reads and cancels commands.
 */
package io.github.eventsourcing.azure.command;
