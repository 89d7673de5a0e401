package io.github.eventsourcing.azure.blob.internal;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.ConnectException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * Injects transport faults on the wire, after the SDK's retry policy (so the SDK retries them as it would real ones):
 * a request can fail before it is sent, or be sent and processed by the service while its response is lost.
 */
final class StorageFaults implements HttpPipelinePolicy {

    enum Fault {
        NONE,
        /** The connection fails before the request reaches the service. */
        FAIL_BEFORE_SENDING,
        /** The service processes the request; its response is lost on the way back. */
        LOSE_RESPONSE,
        /** The request is lost after it left: no answer comes, and the service did not process it. */
        FAIL_WITHOUT_ANSWER
    }

    private volatile Function<HttpRequest, Fault> rule = request -> Fault.NONE;

    /** Decides, per request, which fault to inject. */
    void inject(Function<HttpRequest, Fault> rule) {
        this.rule = rule;
    }

    void heal() {
        inject(request -> Fault.NONE);
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        Fault fault = rule.apply(context.getHttpRequest());
        return switch (fault) {
            case NONE -> next.process();
            case FAIL_BEFORE_SENDING, FAIL_WITHOUT_ANSWER -> Mono.error(injected(fault));
            case LOSE_RESPONSE -> next.process().flatMap(response -> {
                response.close();
                return Mono.error(injected(fault));
            });
        };
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        Fault fault = rule.apply(context.getHttpRequest());
        if (fault == Fault.FAIL_BEFORE_SENDING || fault == Fault.FAIL_WITHOUT_ANSWER) {
            throw new UncheckedIOException(injected(fault));
        }
        HttpResponse response = next.processSync();
        if (fault == Fault.LOSE_RESPONSE) {
            response.close();
            throw new UncheckedIOException(injected(fault));
        }
        return response;
    }

    /** A request that never left is a connection that was never made: proof for the store that nothing was written. */
    private static IOException injected(Fault fault) {
        return fault == Fault.FAIL_BEFORE_SENDING ? new ConnectException("injected fault: " + fault)
                : new IOException("injected fault: " + fault);
    }
}
