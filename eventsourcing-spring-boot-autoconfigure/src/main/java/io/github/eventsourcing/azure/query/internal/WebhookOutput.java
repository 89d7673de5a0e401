package io.github.eventsourcing.azure.query.internal;

import io.github.eventsourcing.azure.query.QueryType;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * POSTs the result JSON to a configured URL; any 2xx answer is a delivery. The query's type and id go in headers, so
 * that a receiver can drop the repeat of a delivery (delivery is at least once).
 */
public final class WebhookOutput implements QueryOutput {

    public static final String TYPE_HEADER = "Query-Type";
    public static final String ID_HEADER = "Query-Id";

    private final URI url;
    private final Duration timeout;
    private final HttpClient client;

    public WebhookOutput(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void deliver(QueryType type, String queryId, String resultJson) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(TYPE_HEADER, type.toString())
                .header(ID_HEADER, queryId)
                .POST(HttpRequest.BodyPublishers.ofString(resultJson))
                .build();
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("The webhook " + url + " answered " + response.statusCode()
                    + " to the result of query " + type + " " + queryId);
        }
    }

    @Override
    public String describe() {
        return "webhook " + url;
    }
}
