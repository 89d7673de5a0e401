package io.github.eventsourcing.azure.demo.bank.account;

import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;
import io.github.eventsourcing.azure.stream.StreamId;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs a check-then-append decision again when another writer appended between the check and the append. The append
 * expects the version the check read, so a conflict means nothing was written and the decision must be re-made on
 * fresh state. Attempts are bounded so that a hot account turns into a clear "try again" instead of a hung request.
 */
final class ConflictRetry {

    static final int MAX_ATTEMPTS = 15;

    private ConflictRetry() {
    }

    static <T> T decide(StreamId account, Supplier<T> decision) {
        for (int attempt = 1; ; attempt++) {
            try {
                return decision.get();
            } catch (ConcurrencyConflictException conflict) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new AccountBusyException(account.instanceKey());
                }
                pause(attempt);
            }
        }
    }

    /** A short random pause, longer after each conflict, so that competing writers stop colliding in lockstep. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 4L * attempt + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying an operation on an account", e);
        }
    }
}
