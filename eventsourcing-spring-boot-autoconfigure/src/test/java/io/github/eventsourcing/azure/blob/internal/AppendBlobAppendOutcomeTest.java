package io.github.eventsourcing.azure.blob.internal;

import io.github.eventsourcing.azure.blob.internal.StorageFaults.Fault;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendOutcomeUnknownException;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.BackendUnavailableException;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.NewEvent;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.test.contract.ContractEvents.ThingHappened;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.client;
import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.streamsOn;
import static io.github.eventsourcing.azure.blob.internal.AppendBlobTestClients.uniqueDomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Appends whose every attempt failed after one may have reached the service, on the AppendBlob backend through the
 * real SDK against Azurite: looked for by their event ids, never reported as "nothing was written".
 */
@DisplayName("AppendBlob: appends whose outcome storage leaves unknown")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AppendBlobAppendOutcomeTest {

    private final StorageFaults faults = new StorageFaults();
    private final AppendBlobEventStore store = new AppendBlobEventStore(client(faults), "outcome");
    private final String domain = uniqueDomain();

    private static List<Object> withdrawal() {
        return List.of(NewEvent.of(new ThingHappened("withdraw 70", 70), "w-154"),
                NewEvent.of(new ThingHappened("fee 1", 1), "w-154-fee"));
    }

    private List<String> idsInStorage(EventStream stream) {
        return streamsOn(new AppendBlobEventStore(client(), "outcome")).stream(stream.id()).read().stream()
                .map(RecordedEvent::eventId).toList();
    }

    @Test
    @DisplayName("a block that landed while every answer to it and to its retries was lost is reported as done")
    void landedWhileEveryAnswerWasLost() {
        EventStream stream = streamsOn(store, Duration.ofSeconds(20)).stream(domain, "Account", "landed");
        stream.append(new ThingHappened("opening", 1));
        AtomicBoolean landed = new AtomicBoolean();
        faults.inject(request -> !RequestLog.kind(request).equals("PUT appendblock") ? Fault.NONE
                : landed.getAndSet(true) ? Fault.FAIL_WITHOUT_ANSWER : Fault.LOSE_RESPONSE);

        AppendResult result = stream.append(withdrawal(), AppendOptions.DEFAULT);

        assertThat(landed).isTrue();
        assertThat(result).isEqualTo(new AppendResult(false, 2, 3, true));
        assertThat(idsInStorage(stream)).endsWith("w-154", "w-154-fee").hasSize(3);
    }

    @Test
    @DisplayName("a block whose attempts all went unanswered and that is not found is reported as unknown")
    void notFound() {
        EventStream stream = streamsOn(store, Duration.ofMillis(500)).stream(domain, "Account", "vanished");
        stream.append(new ThingHappened("opening", 1));
        faults.inject(request -> RequestLog.kind(request).equals("PUT appendblock") ? Fault.FAIL_WITHOUT_ANSWER
                : Fault.NONE);

        assertThatThrownBy(() -> stream.append(withdrawal(), AppendOptions.DEFAULT))
                .isInstanceOfSatisfying(AppendOutcomeUnknownException.class, unknown -> {
                    assertThat(unknown.eventIds()).containsExactly("w-154", "w-154-fee");
                    assertThat(unknown).hasMessageContaining("'w-154' was not found");
                });
        faults.heal();
        assertThat(idsInStorage(stream)).hasSize(1);
    }

    @Test
    @DisplayName("a block that never left because no connection could be made is reported unavailable, not unknown")
    void neverSent() {
        EventStream stream = streamsOn(store, Duration.ofSeconds(20)).stream(domain, "Account", "refused");
        stream.append(new ThingHappened("opening", 1));
        faults.inject(request -> RequestLog.kind(request).equals("PUT appendblock") ? Fault.FAIL_BEFORE_SENDING
                : Fault.NONE);

        assertThatThrownBy(() -> stream.append(withdrawal(), AppendOptions.DEFAULT))
                .isExactlyInstanceOf(BackendUnavailableException.class);
    }
}
