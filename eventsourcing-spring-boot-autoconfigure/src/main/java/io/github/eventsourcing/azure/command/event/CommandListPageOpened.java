package io.github.eventsourcing.azure.command.event;

import io.github.eventsourcing.azure.stream.EventName;

/**
 * The list of recently started commands continues in a new page, because the one before is full: the number of these
 * events is the number of the page that takes new entries.
 */
@EventName("Command List Page Opened")
public record CommandListPageOpened(long page) {
}
