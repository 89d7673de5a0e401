package io.github.eventsourcing.azure.blob.internal;

import io.github.eventsourcing.azure.blob.internal.StorageFaults.Fault;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.client;
import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.streamsOn;
import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.uniqueDomain;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
@DisplayName("AppendBlob: a write whose response is lost after the service committed it")
class AppendBlobLostResponseTest {

    private final StorageFaults faults = new StorageFaults();
    private final RequestLog wire = new RequestLog();
    // The fault policy sits outside the log: the log sees what the service really answered.
    private final AppendBlobEventStore store = new AppendBlobEventStore(client(faults, wire), "lost");
    private final String domain = uniqueDomain();

    private EventStream stream(String key) {
        return streamsOn(store).stream(domain, "Account", key);
    }

    private void loseTheNextResponseTo(String requestKind) {
        AtomicBoolean armed = new AtomicBoolean(true);
        faults.inject(request -> RequestLog.kind(request).equals(requestKind) && armed.getAndSet(false)
                ? Fault.LOSE_RESPONSE : Fault.NONE);
        wire.clear();
    }

    private List<Integer> numbersInStorage(EventStream stream) {
        // A fresh store: nothing cached, everything read from storage.
        return streamsOn(new AppendBlobEventStore(client(), "lost")).stream(stream.id()).read().stream()
                .map(e -> e.payloadAs(ThingHappened.class).number()).toList();
    }

    @Test
    @DisplayName("an append whose block landed is reported as written, and the stream holds its events once")
    void lostAppendResponse() {
        EventStream stream = stream("lost-append");
        stream.append(new ThingHappened("first", 1));

        loseTheNextResponseTo("PUT appendblock");
        AppendResult result = stream.append(new ThingHappened("second", 2), new ThingHappened("third", 3));

        assertThat(result.alreadyApplied()).as("this call wrote the events").isFalse();
        assertThat(result.streamCreated()).isFalse();
        assertThat(result.firstSequence()).isEqualTo(2);
        assertThat(result.lastSequence()).isEqualTo(3);
        assertThat(wire.requests()).filteredOn(r -> r.kind().equals("PUT appendblock"))
                .extracting(RequestLog.Request::status)
                .as("the service committed the first attempt, and refused the SDK's retry on the changed ETag")
                .containsExactly(201, 412);
        assertThat(numbersInStorage(stream)).containsExactly(1, 2, 3);
        assertThat(stream.read()).extracting(RecordedEvent::sequence).containsExactly(1L, 2L, 3L);
    }

    @Test
    @DisplayName("the first append of a new stream whose response was lost still reports that it created the stream")
    void lostFirstAppendResponse() {
        EventStream stream = stream("lost-first");
        loseTheNextResponseTo("PUT appendblock");

        AppendResult result = stream.append(List.of(new ThingHappened("opened", 1)), AppendOptions.mustBeNew());

        assertThat(result.streamCreated()).isTrue();
        assertThat(result.alreadyApplied()).isFalse();
        assertThat(numbersInStorage(stream)).containsExactly(1);
    }

    @Test
    @DisplayName("a lost response to creating the first segment does not stop the first append")
    void lostCreateResponse() {
        EventStream stream = stream("lost-create");
        loseTheNextResponseTo("PUT create");

        AppendResult result = stream.append(List.of(new ThingHappened("opened", 1)), AppendOptions.mustBeNew());

        assertThat(result.streamCreated()).isTrue();
        assertThat(numbersInStorage(stream)).containsExactly(1);
    }

    @Test
    @DisplayName("a delete whose mark landed but whose response was lost reports that it deleted the stream")
    void lostDeletionMarkResponse() {
        EventStream stream = stream("lost-delete");
        stream.append(new ThingHappened("a", 1));
        loseTheNextResponseTo("PUT metadata");

        assertThat(stream.delete()).isTrue();
        assertThat(numbersInStorage(stream)).isEmpty();
        assertThat(stream.exists()).isFalse();
    }
}
