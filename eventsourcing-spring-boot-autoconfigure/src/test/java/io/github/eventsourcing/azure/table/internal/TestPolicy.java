package io.github.eventsourcing.azure.table.internal;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.function.Supplier;

/**
 * A pipeline policy for tests, written once against the synchronous path the Table client takes and bridged for the
 * asynchronous one. Added through the client builder it sits after the retry policy, so it sees every attempt.
 */
abstract class TestPolicy implements HttpPipelinePolicy {

    /** Handles one attempt of a request; {@code send} passes it on to the service. */
    abstract HttpResponse handle(HttpRequest request, Supplier<HttpResponse> send);

    @Override
    public final HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        return handle(context.getHttpRequest(), next::processSync);
    }

    @Override
    public final Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return Mono.fromCallable(() -> handle(context.getHttpRequest(), () -> next.process().block()))
                .subscribeOn(Schedulers.boundedElastic());
    }

    static boolean isBatch(HttpRequest request) {
        return request.getUrl().getPath().endsWith("/$batch");
    }

    static boolean isQuery(HttpRequest request) {
        return request.getHttpMethod().name().equals("GET") && request.getUrl().getPath().endsWith("()");
    }
}
