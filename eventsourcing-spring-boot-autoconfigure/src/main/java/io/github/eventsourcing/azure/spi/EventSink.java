package io.github.eventsourcing.azure.spi;

/** Receives events in order during a read; answering false stops the read early. */
@FunctionalInterface
public interface EventSink {

    boolean accept(StoredEvent event);
}
