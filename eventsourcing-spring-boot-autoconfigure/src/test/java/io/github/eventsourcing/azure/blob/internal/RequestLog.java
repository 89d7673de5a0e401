package io.github.eventsourcing.azure.blob.internal;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Records every request that reaches the wire (after the SDK's retry policy, so retries count), with its answer. */
final class RequestLog implements HttpPipelinePolicy {

    /**
     * @param kind          e.g. {@code "GET blob"}, {@code "PUT appendblock"}, {@code "GET list"}
     * @param blobPath      the decoded path after the account, e.g. {@code container/streams/key/00000000}
     * @param status        the response status
     * @param responseBytes the response's Content-Length
     */
    record Request(String kind, String blobPath, int status, long responseBytes) {
    }

    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        HttpRequest request = context.getHttpRequest();
        return next.process().doOnNext(response -> record(request, response));
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        HttpResponse response = next.processSync();
        record(context.getHttpRequest(), response);
        return response;
    }

    private void record(HttpRequest request, HttpResponse response) {
        String length = response.getHeaderValue(HttpHeaderName.CONTENT_LENGTH);
        requests.add(new Request(kind(request), path(request), response.getStatusCode(),
                length == null ? 0 : Long.parseLong(length)));
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<String> kinds() {
        return requests().stream().map(Request::kind).toList();
    }

    void clear() {
        requests.clear();
    }

    /** What a request does, from its method and {@code comp}/{@code restype} query parameters. */
    static String kind(HttpRequest request) {
        String query = request.getUrl().getQuery() == null ? "" : request.getUrl().getQuery();
        String comp = parameter(query, "comp");
        String restype = parameter(query, "restype");
        String method = request.getHttpMethod().toString();
        if (comp != null) {
            return method + " " + comp;
        }
        if (restype != null) {
            return method + " " + restype;
        }
        return method + (request.getHttpMethod() == HttpMethod.PUT ? " create" : " blob");
    }

    static String path(HttpRequest request) {
        String path = URLDecoder.decode(request.getUrl().getPath().replace("+", "%2B"), StandardCharsets.UTF_8);
        int account = path.indexOf('/', 1);
        return account < 0 ? path : path.substring(account + 1);
    }

    private static String parameter(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }
}
