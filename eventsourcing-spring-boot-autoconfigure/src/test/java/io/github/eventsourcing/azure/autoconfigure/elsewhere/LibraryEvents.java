package io.github.eventsourcing.azure.autoconfigure.elsewhere;

import io.github.eventsourcing.azure.stream.EventName;

/** Event types outside the application's packages, found through {@code eventsourcing.event-type-packages}. */
public final class LibraryEvents {

    private LibraryEvents() {
    }

    @EventName("Library Event Happened")
    public record LibraryEventHappened(String what) {
    }
}
