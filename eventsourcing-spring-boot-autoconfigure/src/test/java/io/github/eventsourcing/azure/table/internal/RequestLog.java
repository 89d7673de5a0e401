package io.github.eventsourcing.azure.table.internal;

import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** Records every request a client sends (each attempt), to count round trips. */
final class RequestLog extends TestPolicy {

    /** One request as sent: its method, path and kind. */
    record Sent(String method, String path, boolean batch, boolean query) {

        /** A read of one row by its keys: {@code GET table(PartitionKey='...',RowKey='...')}. */
        boolean pointRead() {
            return "GET".equals(method) && path.contains("(PartitionKey=");
        }
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    HttpResponse handle(HttpRequest request, Supplier<HttpResponse> send) {
        sent.add(new Sent(request.getHttpMethod().name(), request.getUrl().getPath(), isBatch(request),
                isQuery(request)));
        return send.get();
    }

    /** The requests sent while the action ran. */
    List<Sent> during(Runnable action) {
        int before = sent.size();
        action.run();
        return List.copyOf(sent.subList(before, sent.size()));
    }

    List<Sent> all() {
        return List.copyOf(sent);
    }

    long batches() {
        return sent.stream().filter(Sent::batch).count();
    }
}
