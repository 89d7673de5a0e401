package io.github.eventsourcing.azure.test.eventgrid;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The Event Grid stub")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventGridStubTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @DisplayName("goes away while a request is being answered, dropping it after recording it, and comes back on the same port")
    void goesAwayWhileARequestIsInFlight() throws Exception {
        try (EventGridStub stub = EventGridStub.http()) {
            CountDownLatch answering = new CountDownLatch(1);
            stub.answer(() -> {
                answering.countDown();
                sleep(300); // still answering when the test asks the stub to go away
                return 503;
            });
            String endpoint = stub.endpoint();
            CompletableFuture<HttpResponse<Void>> inFlight = client.sendAsync(post(endpoint),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(answering.await(10, TimeUnit.SECONDS)).isTrue();

            stub.goAway(); // used to deadlock: stopping waited for the handler, the handler waited for the stub's lock

            assertThat(stub.requests()).as("the request in flight, recorded before its connection was dropped").hasSize(1);
            assertThat(inFlight.handle((response, dropped) -> dropped).get(10, TimeUnit.SECONDS))
                    .as("going away drops the connection of the request in flight").isNotNull();
            assertThatThrownBy(() -> client.send(post(endpoint), HttpResponse.BodyHandlers.discarding()))
                    .isInstanceOf(ConnectException.class);

            stub.answer(200);
            stub.comeBack();
            assertThat(client.send(post(endpoint), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            assertThat(stub.accepted()).hasSize(1);
        }
    }

    private static HttpRequest post(String endpoint) {
        return HttpRequest.newBuilder(URI.create(endpoint)).POST(HttpRequest.BodyPublishers.ofString("[]")).build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
