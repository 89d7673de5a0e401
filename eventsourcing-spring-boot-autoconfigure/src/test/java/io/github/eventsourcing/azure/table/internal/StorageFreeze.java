package io.github.eventsourcing.azure.table.internal;

import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Storage that stops answering for a while, as seen by one client: every attempt in the freeze stalls a little, then
 * fails the way the chosen {@link Kind} says. Sits after the client's retry policy, so its retries freeze too.
 */
final class StorageFreeze extends TestPolicy {

    enum Kind {
        /** The first transaction reaches the service and commits; its answer and everything else is lost. */
        FIRST_TRANSACTION_LANDS,
        /** Nothing reaches the service; every attempt times out waiting for an answer. */
        NO_ANSWER,
        /** Transactions time out without reaching the service; reads are answered. */
        TRANSACTIONS_VANISH,
        /** No connection can be made: the service is provably never reached. */
        CONNECTION_REFUSED
    }

    private static final Duration STALL = Duration.ofMillis(50);

    private volatile Kind kind;
    private volatile long until;
    private final AtomicBoolean landed = new AtomicBoolean();

    /** Freezes storage from now on, for {@code howLong}. */
    void freeze(Kind kind, Duration howLong) {
        landed.set(false);
        this.until = System.nanoTime() + howLong.toNanos();
        this.kind = kind;
    }

    void thaw() {
        kind = null;
    }

    @Override
    HttpResponse handle(HttpRequest request, Supplier<HttpResponse> send) {
        Kind current = kind;
        if (current == null || System.nanoTime() - until > 0
                || current == Kind.TRANSACTIONS_VANISH && !isBatch(request)) {
            return send.get();
        }
        if (current == Kind.CONNECTION_REFUSED) {
            throw new UncheckedIOException(new ConnectException("Connection refused (storage frozen by the test)"));
        }
        if (current == Kind.FIRST_TRANSACTION_LANDS && isBatch(request) && landed.compareAndSet(false, true)) {
            send.get().close();
        }
        try {
            Thread.sleep(STALL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new UncheckedIOException(new SocketTimeoutException("Read timed out (storage frozen by the test)"));
    }

    /** Whether a transaction reached the service during the last freeze. */
    boolean transactionLanded() {
        return landed.get();
    }
}
