package io.github.eventsourcing.azure.table.internal;

import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.NewEvent;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import static io.github.eventsourcing.azure.table.internal.TableTesting.freshDomain;
import static io.github.eventsourcing.azure.table.internal.TableTesting.freshStream;
import static io.github.eventsourcing.azure.table.internal.TableTesting.things;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service commits a transaction, then the connection drops before its answer arrives. The Azure SDK sends the
 * transaction again; the store must recognise its own events instead of writing them twice or failing.
 */
@DisplayName("Appends whose response is lost after the commit, on the Table backend")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TableLostResponseTest {

    private final AzureTableLimitsPolicy limits = new AzureTableLimitsPolicy();
    private final RequestLog requests = new RequestLog();
    private final InterceptingPolicy network = new InterceptingPolicy();
    private final EventStreams streams = TableTesting.streamsOn(
            new TableEventStore(AzuriteTables.client(limits, requests, network)));
    private final EventStream stream = streams.stream(freshStream(freshDomain()));

    @AfterEach
    void nothingAzureWouldRefuseWasSent() {
        assertThat(limits.refused()).isEmpty();
    }

    /** The next transaction commits, but its response is lost once; the client's retry goes through. */
    private void loseNextResponse() {
        network.intercept(TestPolicy::isBatch, 1, (request, send) -> {
            send.get().close();
            throw new UncheckedIOException(new IOException("Connection reset after the service committed"));
        });
    }

    private static List<Object> eventsWithIds(String prefix, int count) {
        return things(1, count).stream().map(e -> (Object) NewEvent.of(e, prefix + "-" + ((ThingHappened) e).number()))
                .toList();
    }

    private List<String> storedIds() {
        return stream.read().stream().map(RecordedEvent::eventId).toList();
    }

    @Test
    @DisplayName("an append with an expected version succeeds once, reported as this call's own write")
    void expectedVersion() {
        stream.append(things(1, 2), AppendOptions.DEFAULT);
        loseNextResponse();

        var sent = requests.during(() -> {
            AppendResult result = stream.append(eventsWithIds("x", 3), AppendOptions.expectingVersion(2));
            assertThat(result).isEqualTo(new AppendResult(false, 3, 5, false));
        });

        assertThat(network.interceptions()).isEqualTo(1);
        assertThat(sent.stream().filter(RequestLog.Sent::batch)).as("the original and the SDK's retry").hasSize(2);
        assertThat(stream.version()).isEqualTo(5);
        assertThat(storedIds()).hasSize(5).endsWith("x-1", "x-2", "x-3").doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("a loose append succeeds once")
    void loose() {
        stream.append(things(1, 1), AppendOptions.DEFAULT);
        loseNextResponse();

        AppendResult result = stream.append(eventsWithIds("y", 2), AppendOptions.DEFAULT);

        assertThat(result).isEqualTo(new AppendResult(false, 2, 3, false));
        assertThat(storedIds()).hasSize(3).endsWith("y-1", "y-2").doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("the append that creates a stream succeeds once and says it created it")
    void creation() {
        loseNextResponse();

        AppendResult result = stream.append(eventsWithIds("z", 2), AppendOptions.mustBeNew());

        assertThat(result).isEqualTo(new AppendResult(true, 1, 2, false));
        assertThat(storedIds()).containsExactly("z-1", "z-2");
    }

    @Test
    @DisplayName("when every retry fails too, the events are looked for and found: reported like a repeat, and "
            + "repeating with the same ids does not write them again")
    void everyRetryFailsButTheFirstCommitted() {
        stream.append(things(1, 1), AppendOptions.DEFAULT);
        AtomicBoolean committedOnce = new AtomicBoolean();
        network.intercept(TestPolicy::isBatch, 1, (request, send) -> {
            send.get().close();
            committedOnce.set(true);
            throw new UncheckedIOException(new IOException("Connection reset after the service committed"));
        });
        // The first attempt commits and loses its answer; every retry then finds the network down.
        EventStreams flaky = TableTesting.streamsOn(new TableEventStore(AzuriteTables.client(limits, network,
                new TestPolicy() {
                    @Override
                    HttpResponse handle(HttpRequest request, Supplier<HttpResponse> send) {
                        if (committedOnce.get() && isBatch(request)) {
                            throw new UncheckedIOException(new IOException("Network unreachable"));
                        }
                        return send.get();
                    }
                })));
        List<Object> events = eventsWithIds("w", 2);

        assertThat(flaky.stream(stream.id()).append(events, AppendOptions.expectingVersion(1)))
                .isEqualTo(new AppendResult(false, 2, 3, true));
        assertThat(committedOnce).isTrue();

        AppendResult repeated = stream.append(events, AppendOptions.expectingVersion(1));
        assertThat(repeated).isEqualTo(new AppendResult(false, 2, 3, true));
        assertThat(storedIds()).hasSize(3).endsWith("w-1", "w-2").doesNotHaveDuplicates();
    }
}
