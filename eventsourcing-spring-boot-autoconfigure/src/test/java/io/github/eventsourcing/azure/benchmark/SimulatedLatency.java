package io.github.eventsourcing.azure.benchmark;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Delays every request a client sends by a simulated network round trip, so that the benchmark can show what an
 * operation costs where storage is not on loopback: Azurite answers in well under a millisecond, Azure Storage from
 * the same region in a few. Added to every client of every side, per attempt (after the retry policy), like
 * {@link RoundTrips}; a side that needs fewer round trips then gains what it would gain in a data centre.
 */
final class SimulatedLatency implements HttpPipelinePolicy {

    private final Duration delay;

    SimulatedLatency(Duration delay) {
        this.delay = delay;
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while simulating a round trip", e);
        }
        return next.processSync();
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return Mono.delay(delay).then(Mono.defer(next::process));
    }
}
