package io.github.eventsourcing.azure.blob.internal;

import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.client;
import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.streamsOn;
import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.uniqueDomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Counts the requests each operation sends (retries included), on a type whose container this process has already
 * checked: that check is one request per type and process, shown by the last test.
 */
@Timeout(60)
@DisplayName("AppendBlob: requests per operation")
class AppendBlobRoundTripTest {

    private final String domain = uniqueDomain();
    private final RequestLog wire = new RequestLog();
    private final EventStreams counted = streamsOn(new AppendBlobEventStore(client(wire), "trips"));
    private final EventStreams elsewhere = streamsOn(new AppendBlobEventStore(client(), "trips"));

    @BeforeEach
    void checkContainerOnce() {
        counted.stream(domain, "Account", "warm-up").append(new ThingHappened("warm-up", 0));
        elsewhere.stream(domain, "Account", "warm-up").append(new ThingHappened("warm-up", 0));
        wire.clear();
    }

    private EventStream countedStream(String key) {
        return counted.stream(domain, "Account", key);
    }

    private EventStream elsewhereStream(String key) {
        return elsewhere.stream(domain, "Account", key);
    }

    @Test
    @DisplayName("an append to a stream this process knows is one request: Append Block")
    void warmAppend() {
        EventStream stream = countedStream("warm");
        stream.append(new ThingHappened("a", 1));
        wire.clear();

        stream.append(new ThingHappened("b", 2));
        stream.append(List.of(new ThingHappened("c", 3), new ThingHappened("d", 4)), AppendOptions.expectingVersion(2));

        assertThat(wire.kinds()).containsExactly("PUT appendblock", "PUT appendblock");
    }

    @Test
    @DisplayName("an append to an existing stream this process does not know is two requests: read it, append")
    void coldAppend() {
        elsewhereStream("cold").append(new ThingHappened("a", 1), new ThingHappened("b", 2));

        countedStream("cold").append(new ThingHappened("c", 3));

        assertThat(wire.kinds()).containsExactly("GET blob", "PUT appendblock");
    }

    @Test
    @DisplayName("the first append to a new stream that must be new is two requests: create, append")
    void mustBeNewFirstAppend() {
        countedStream("new").append(List.of(new ThingHappened("a", 1)), AppendOptions.mustBeNew());

        assertThat(wire.kinds()).containsExactly("PUT create", "PUT appendblock");
    }

    @Test
    @DisplayName("a loose first append to a new stream is three requests: a read that finds nothing, create, append")
    void looseFirstAppend() {
        countedStream("new-loose").append(new ThingHappened("a", 1));

        assertThat(wire.requests()).extracting(RequestLog.Request::kind, RequestLog.Request::status)
                .containsExactly(tuple("GET blob", 404),
                        tuple("PUT create", 201),
                        tuple("PUT appendblock", 201));
    }

    @Test
    @DisplayName("a command that reads a stream and then appends to it costs one read and one append")
    void readThenAppend() {
        elsewhereStream("command").append(new ThingHappened("a", 1), new ThingHappened("b", 2));

        EventStream stream = countedStream("command");
        long version = stream.read().size();
        stream.append(List.of(new ThingHappened("c", 3)), AppendOptions.expectingVersion(version));

        assertThat(wire.kinds()).containsExactly("GET blob", "PUT appendblock");
    }

    @Test
    @DisplayName("after another instance appended: the failed append, a catch-up read of the new records, the append")
    void appendAfterAnotherInstance() {
        EventStream mine = countedStream("contended");
        mine.append(new ThingHappened("a", 1));
        elsewhereStream("contended").append(new ThingHappened("b", 2));
        wire.clear();

        mine.append(new ThingHappened("c", 3));

        assertThat(wire.requests()).extracting(RequestLog.Request::kind, RequestLog.Request::status)
                .containsExactly(tuple("PUT appendblock", 412),
                        tuple("GET blob", 206),
                        tuple("PUT appendblock", 201));
    }

    @Test
    @DisplayName("the version of a known stream is one read of the bytes after the known end (one byte when unchanged)")
    void warmVersion() {
        EventStream stream = countedStream("version");
        stream.append(new ThingHappened("a", 1));
        wire.clear();

        assertThat(stream.version()).isEqualTo(1);

        assertThat(wire.requests()).extracting(RequestLog.Request::kind, RequestLog.Request::responseBytes)
                .containsExactly(tuple("GET blob", 1L));
    }

    @Test
    @DisplayName("the first write of a domain/entity in a process checks its container once")
    void containerCheckedOnce() {
        EventStreams fresh = streamsOn(new AppendBlobEventStore(client(wire), "trips"));
        String otherDomain = uniqueDomain();
        wire.clear();

        fresh.stream(otherDomain, "Loan", "one").append(List.of(new ThingHappened("a", 1)), AppendOptions.mustBeNew());
        fresh.stream(otherDomain, "Loan", "two").append(List.of(new ThingHappened("b", 2)), AppendOptions.mustBeNew());

        assertThat(wire.requests()).extracting(RequestLog.Request::kind, RequestLog.Request::status).containsExactly(
                tuple("GET container", 404),
                tuple("PUT container", 201),
                tuple("PUT create", 201),
                tuple("PUT appendblock", 201),
                tuple("PUT create", 201),
                tuple("PUT appendblock", 201));
    }
}
