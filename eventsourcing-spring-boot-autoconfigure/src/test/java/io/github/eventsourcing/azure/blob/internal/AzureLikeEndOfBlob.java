package io.github.eventsourcing.azure.blob.internal;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;

/**
 * Makes Azurite answer a ranged read that starts exactly at the end of a blob the way Azure does: 416 InvalidRange
 * instead of 206 with an empty body.
 */
final class AzureLikeEndOfBlob implements HttpPipelinePolicy {

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return next.process().map(response -> asAzure(context.getHttpRequest(), response));
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        return asAzure(context.getHttpRequest(), next.processSync());
    }

    private static HttpResponse asAzure(HttpRequest request, HttpResponse response) {
        boolean emptyRangeAtEnd = request.getHttpMethod() == HttpMethod.GET && response.getStatusCode() == 206
                && "0".equals(response.getHeaderValue(HttpHeaderName.CONTENT_LENGTH));
        if (!emptyRangeAtEnd) {
            return response;
        }
        response.close();
        return new InvalidRange(request);
    }

    /** The bare 416 Azure sends: the error code in a header, no body the SDK needs. */
    private static final class InvalidRange extends HttpResponse {
        private final HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.fromString("x-ms-error-code"),
                "InvalidRange").set(HttpHeaderName.CONTENT_LENGTH, "0");

        InvalidRange(HttpRequest request) {
            super(request);
        }

        @Override
        public int getStatusCode() {
            return 416;
        }

        @Override
        @Deprecated
        public String getHeaderValue(String name) {
            return headers.getValue(HttpHeaderName.fromString(name));
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return Flux.empty();
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.just(new byte[0]);
        }

        @Override
        public Mono<String> getBodyAsString() {
            return Mono.just("");
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return Mono.just("");
        }
    }
}
