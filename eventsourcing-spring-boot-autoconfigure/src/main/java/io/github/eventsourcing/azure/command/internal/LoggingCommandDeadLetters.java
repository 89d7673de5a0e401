package io.github.eventsourcing.azure.command.internal;

import io.github.eventsourcing.azure.command.CommandDeadLetters;
import io.github.eventsourcing.azure.stream.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default dead-letter record of commands: a log line. The seam where the library's dead-letter record (with retry
 * and skip) plugs in once it exists; until then an application can define its own {@link CommandDeadLetters} bean.
 */
public final class LoggingCommandDeadLetters implements CommandDeadLetters {

    private static final Logger log = LoggerFactory.getLogger(LoggingCommandDeadLetters.class);

    @Override
    public void deadLetter(StreamId command, String step, Throwable cause) {
        log.error("The command {} keeps failing in step '{}'; it needs attention", command, step, cause);
    }
}
