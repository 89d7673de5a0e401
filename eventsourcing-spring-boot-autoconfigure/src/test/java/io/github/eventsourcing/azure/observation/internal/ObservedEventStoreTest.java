package io.github.eventsourcing.azure.observation.internal;

import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.observation.DefaultEventStoreObservationConvention;
import io.github.eventsourcing.azure.observation.EventStoreObservationContext;
import io.github.eventsourcing.azure.observation.EventStoreObservationConvention;
import io.github.eventsourcing.azure.spi.AppendRequest;
import io.github.eventsourcing.azure.spi.EventSink;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.spi.HealthProbe;
import io.github.eventsourcing.azure.spi.SnapshotStore;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.BackendUnavailableException;
import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.StreamAlreadyExistsException;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.internal.DefaultEventStreams;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import io.github.eventsourcing.azure.testing.ForwardingEventStore;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("ObservedEventStore")
class ObservedEventStoreTest {

    @EventName("Money Deposited")
    record Deposited(int amount) {
    }

    private static final StreamId ACCOUNT = StreamId.of("Bank", "Account", "A-0001");

    private final TestObservationRegistry registry = TestObservationRegistry.create();
    private final InMemoryEventStore memory = new InMemoryEventStore();
    private final EventStoreRouter router = ObservedEventStore.observing(EventStoreRouter.single(memory), registry, null);
    private final DefaultEventStreams streams = new DefaultEventStreams(router,
            new EventSerializer(StorageObjectMapper.create(), new EventTypeRegistry()));

    @Test
    @DisplayName("observes an append with its domain, entity, backend, operation and outcome ok")
    void observesAppend() {
        streams.stream(ACCOUNT).append(new Deposited(10), new Deposited(5));

        assertThat(registry).hasObservationWithNameEqualTo("eventsourcing.store").that()
                .hasContextualNameEqualTo("append Bank.Account")
                .hasLowCardinalityKeyValue("eventsourcing.domain", "Bank")
                .hasLowCardinalityKeyValue("eventsourcing.entity", "Account")
                .hasLowCardinalityKeyValue("eventsourcing.backend", "in-memory")
                .hasLowCardinalityKeyValue("eventsourcing.operation", "append")
                .hasLowCardinalityKeyValue("eventsourcing.outcome", "ok")
                .hasHighCardinalityKeyValue("eventsourcing.events", "2")
                .doesNotHaveError()
                .hasBeenStarted()
                .hasBeenStopped();
    }

    @Test
    @DisplayName("observes an append that finds the stream at another version with outcome conflict")
    void observesConflict() {
        EventStream stream = streams.stream(ACCOUNT);
        stream.append(new Deposited(10));
        registry.clear();

        assertThatThrownBy(() -> stream.append(new Deposited(5), AppendOptions.expectingVersion(0)))
                .isInstanceOf(ConcurrencyConflictException.class);

        assertThat(registry).hasObservationWithNameEqualTo("eventsourcing.store").that()
                .hasLowCardinalityKeyValue("eventsourcing.operation", "append")
                .hasLowCardinalityKeyValue("eventsourcing.outcome", "conflict")
                .hasError()
                .hasBeenStopped();
    }

    @Test
    @DisplayName("observes an append that fails in any other way with outcome error")
    void observesError() {
        EventStream stream = streams.stream(ACCOUNT);
        stream.append(new Deposited(10));
        registry.clear();

        assertThatThrownBy(() -> stream.append(new Deposited(5), AppendOptions.mustBeNew()))
                .isInstanceOf(StreamAlreadyExistsException.class);

        assertThat(registry).hasObservationWithNameEqualTo("eventsourcing.store").that()
                .hasLowCardinalityKeyValue("eventsourcing.outcome", "error")
                .hasError()
                .hasBeenStopped();
    }

    @Test
    @DisplayName("reports a failing backend as outcome error and passes its exception on unchanged")
    void observesBackendFailure() {
        BackendUnavailableException outage = new BackendUnavailableException("storage down", null);
        EventStore failing = new FailingStore(outage);
        EventStore observed = ObservedEventStore.of(failing, registry, null);

        assertThatThrownBy(() -> observed.version(ACCOUNT)).isSameAs(outage);

        assertThat(registry).hasObservationWithNameEqualTo("eventsourcing.store").that()
                .hasLowCardinalityKeyValue("eventsourcing.operation", "version")
                .hasLowCardinalityKeyValue("eventsourcing.backend", "failing")
                .hasLowCardinalityKeyValue("eventsourcing.outcome", "error")
                .hasError(outage);
    }

    @Test
    @DisplayName("keeps the instance key out of the low-cardinality keys (so out of metric tags)")
    void instanceKeyIsHighCardinality() {
        streams.stream(ACCOUNT).append(new Deposited(10));
        streams.stream(ACCOUNT).read();

        assertThat(registry).hasHandledContextsThatSatisfy(contexts -> {
            assertThat(contexts).hasSize(2);
            for (Observation.Context context : contexts) {
                assertThat(values(context.getLowCardinalityKeyValues())).doesNotContain("A-0001");
                assertThat(context.getHighCardinalityKeyValue("eventsourcing.instance.key").getValue())
                        .isEqualTo("A-0001");
            }
        });
    }

    @Test
    @DisplayName("observes a read with the number of events it handed on")
    void observesRead() {
        EventStream stream = streams.stream(ACCOUNT);
        stream.append(new Deposited(1), new Deposited(2), new Deposited(3));
        registry.clear();

        assertThat(stream.read()).hasSize(3);

        assertThat(registry).hasObservationWithNameEqualTo("eventsourcing.store").that()
                .hasContextualNameEqualTo("read Bank.Account")
                .hasLowCardinalityKeyValue("eventsourcing.operation", "read")
                .hasLowCardinalityKeyValue("eventsourcing.outcome", "ok")
                .hasHighCardinalityKeyValue("eventsourcing.events", "3");
    }

    @Test
    @DisplayName("observes version, delete and instance-key listing as operations of their own")
    void observesOtherOperations() {
        EventStream stream = streams.stream(ACCOUNT);
        stream.append(new Deposited(1));
        registry.clear();

        stream.exists();
        streams.instanceKeys("Bank", "Account");
        stream.delete();

        assertThat(registry).hasNumberOfObservationsWithNameEqualTo("eventsourcing.store", 3)
                .hasAnObservation(o -> o.hasLowCardinalityKeyValue("eventsourcing.operation", "version"))
                .hasAnObservation(o -> o.hasLowCardinalityKeyValue("eventsourcing.operation", "delete"))
                .hasAnObservation(o -> o.hasLowCardinalityKeyValue("eventsourcing.operation", "instance-keys")
                        .doesNotHaveHighCardinalityKeyValueWithKey("eventsourcing.instance.key"));
    }

    @Test
    @DisplayName("keeps the snapshots and the health probe of the store it wraps, and adds neither to a store without")
    void keepsCapabilities() {
        EventStore observed = router.storeFor(ACCOUNT.type());
        SnapshotStore.StoredSnapshot snapshot = new SnapshotStore.StoredSnapshot(1, "e-1", Instant.EPOCH, new byte[] {'1'});
        ((SnapshotStore) observed).saveSnapshot(ACCOUNT, "Balance-1", snapshot);

        assertThat(memory.loadSnapshot(ACCOUNT, "Balance-1")).contains(snapshot);
        assertThat(((HealthProbe) observed).checkHealth(Duration.ofSeconds(1))).containsKey("streams");
        assertThat(ObservedEventStore.isObserved(observed)).isTrue();
        assertThat(ObservedEventStore.delegateOf(observed)).isSameAs(memory);
        assertThat(ObservedEventStore.of(new FailingStore(null), registry, null))
                .isNotInstanceOf(SnapshotStore.class).isNotInstanceOf(HealthProbe.class);
    }

    @Test
    @DisplayName("keeps any other public interface of the store too, passing its calls and exceptions through unobserved")
    void keepsAnyCapability() {
        CompactingStore store = new CompactingStore();
        EventStore observed = ObservedEventStore.of(store, registry, null);

        assertThat(observed).isInstanceOf(Compactable.class).isInstanceOf(HealthProbe.class)
                .isNotInstanceOf(SnapshotStore.class);
        assertThat(((Compactable) observed).compact("Bank")).isEqualTo(3);
        assertThatThrownBy(() -> ((Compactable) observed).compact("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no domain");
        assertThat(store.compacted).containsExactly("Bank");
        assertThat(observed.toString()).isEqualTo("observed compacting store");
        assertThat(observed).isEqualTo(observed).isNotEqualTo(store);
        assertThat(registry).doesNotHaveAnyObservation();
    }

    @Test
    @DisplayName("wraps each store once, and never wraps an observed store again")
    void wrapsOnce() {
        EventStore first = router.storeFor(ACCOUNT.type());

        assertThat(router.storeFor(new StreamId.StreamType("Bank", "Customer"))).isSameAs(first);
        assertThat(ObservedEventStore.of(first, registry, null)).isSameAs(first);
        assertThat(ObservedEventStore.isObserved(memory)).isFalse();
        assertThat(ObservedEventStore.delegateOf(memory)).isSameAs(memory);
        assertThat(ObservedEventStore.observing(router, registry, null).storeFor(ACCOUNT.type())).isSameAs(first);
    }

    @Test
    @DisplayName("lets a custom convention rename the observation and change its keys")
    void customConvention() {
        EventStoreObservationConvention custom = new DefaultEventStoreObservationConvention() {
            @Override
            public String getName() {
                return "ledger.storage";
            }

            @Override
            public KeyValues getLowCardinalityKeyValues(EventStoreObservationContext context) {
                return super.getLowCardinalityKeyValues(context).and("team", "payments");
            }
        };
        EventStore observed = ObservedEventStore.of(memory, registry, custom);

        observed.version(ACCOUNT);

        assertThat(registry).hasObservationWithNameEqualTo("ledger.storage").that()
                .hasLowCardinalityKeyValue("team", "payments")
                .hasLowCardinalityKeyValue("eventsourcing.operation", "version");
    }

    private static List<String> values(Iterable<KeyValue> keyValues) {
        List<String> values = new java.util.ArrayList<>();
        keyValues.forEach(keyValue -> values.add(keyValue.getValue()));
        return values;
    }

    /** A capability some backend might add. */
    public interface Compactable {
        int compact(String domain);
    }

    /** A store without snapshots, with a health probe and a capability of its own. */
    private static final class CompactingStore extends ForwardingEventStore implements HealthProbe, Compactable {
        private final List<String> compacted = new java.util.ArrayList<>();

        @Override
        public int compact(String domain) {
            if (domain.isEmpty()) {
                throw new IllegalArgumentException("no domain");
            }
            compacted.add(domain);
            return 3;
        }

        @Override
        public Map<String, Object> checkHealth(Duration timeout) {
            return Map.of();
        }

        @Override
        public String backendName() {
            return "compacting";
        }

        @Override
        public String toString() {
            return "compacting store";
        }
    }

    /** A backend whose every call fails with the given exception. */
    private record FailingStore(RuntimeException failure) implements EventStore {
        @Override
        public String backendName() {
            return "failing";
        }

        @Override
        public long version(StreamId id) {
            throw failure;
        }

        @Override
        public AppendResult append(StreamId id, AppendRequest request) {
            throw failure;
        }

        @Override
        public void read(StreamId id, long fromSequence, long toSequence, EventSink sink) {
            throw failure;
        }

        @Override
        public boolean delete(StreamId id) {
            throw failure;
        }

        @Override
        public void forEachInstanceKey(StreamId.StreamType type, Consumer<String> action) {
            throw failure;
        }
    }
}
