package io.github.eventsourcing.azure.table.internal;

import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Lets a test step into a client's traffic: around the n-th request that matches, it runs the test's code instead of
 * simply sending it (to hold a writer while another commits, lose a response, or fail a request). Every other request
 * passes unchanged.
 */
final class InterceptingPolicy extends TestPolicy {

    /** What to do instead of simply sending one request. */
    @FunctionalInterface
    interface Interception {
        HttpResponse around(HttpRequest request, Supplier<HttpResponse> send);
    }

    private record Plan(Predicate<HttpRequest> matches, int occurrence, Interception interception) {
    }

    private final AtomicReference<Plan> plan = new AtomicReference<>();
    private final AtomicInteger matched = new AtomicInteger();
    private final AtomicInteger intercepted = new AtomicInteger();

    /** Intercepts the {@code occurrence}-th (1-based) request from now on that matches, once. */
    void intercept(Predicate<HttpRequest> matches, int occurrence, Interception interception) {
        matched.set(0);
        plan.set(new Plan(matches, occurrence, interception));
    }

    /** How many requests were intercepted so far. */
    int interceptions() {
        return intercepted.get();
    }

    @Override
    HttpResponse handle(HttpRequest request, Supplier<HttpResponse> send) {
        Plan current = plan.get();
        if (current != null && current.matches().test(request)
                && matched.incrementAndGet() == current.occurrence() && plan.compareAndSet(current, null)) {
            intercepted.incrementAndGet();
            return current.interception().around(request, send);
        }
        return send.get();
    }
}
