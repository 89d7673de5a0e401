package io.github.eventsourcing.azure.table.internal;

import io.github.eventsourcing.azure.stream.EventStoreException;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A short, jittered pause before retrying after losing a race, so that competing writers do not collide again. The
 * ceiling is kept low on purpose: a writer that lost several times must not wait much longer than a fresh one, or it
 * keeps losing to writers that just started (starvation).
 */
final class Backoff {

    private static final long BASE_MILLIS = 2;
    private static final long MAX_MILLIS = 25;

    private Backoff() {
    }

    /** Pauses for a random time that grows with the attempt number (1-based), at most {@value #MAX_MILLIS} ms. */
    static void pause(int attempt) {
        long ceiling = Math.min(MAX_MILLIS, BASE_MILLIS << Math.min(attempt, 16));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreException("Interrupted while waiting to retry", e);
        }
    }
}
