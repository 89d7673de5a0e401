package io.github.eventsourcing.azure.benchmark;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the requests a client sends to storage. Added through a client builder it runs per attempt (after the retry
 * policy), so a retried request counts as the round trips it really took.
 */
final class RoundTrips implements HttpPipelinePolicy {

    private final AtomicLong sent = new AtomicLong();

    /** Requests sent so far. */
    long count() {
        return sent.get();
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        sent.incrementAndGet();
        return next.processSync();
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return Mono.defer(() -> {
            sent.incrementAndGet();
            return next.process();
        });
    }
}
