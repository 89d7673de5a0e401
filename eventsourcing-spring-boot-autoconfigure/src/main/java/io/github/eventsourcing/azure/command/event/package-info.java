/**
 * The events of a command's own stream, under stable business names. They go through the notification pipeline like
 * any other event, so {@code @NotificationListener(entity = "Command-*")} methods can react to them.
 */
package io.github.eventsourcing.azure.command.event;
