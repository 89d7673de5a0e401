package io.github.eventsourcing.azure.table.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Table client logs every rejected transaction at ERROR, with a stack trace, twice; the store handles these
 * rejections as part of optimistic concurrency. Tests that provoke thousands of them silence that logger, so the run
 * is not dominated by writing stack traces.
 */
final class SdkConflictLogs {

    private static final Logger TABLE_CLIENT = (Logger) LoggerFactory.getLogger("com.azure.data.tables.TableClient");
    private static Level before;

    private SdkConflictLogs() {
    }

    static synchronized void silence() {
        before = TABLE_CLIENT.getLevel();
        TABLE_CLIENT.setLevel(Level.OFF);
    }

    static synchronized void restore() {
        TABLE_CLIENT.setLevel(before);
    }
}
