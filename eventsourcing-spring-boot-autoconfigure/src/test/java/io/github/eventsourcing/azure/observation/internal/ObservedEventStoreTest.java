package io.github.eventsourcing.azure.observation.internal;

import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.observation.DefaultEventStoreObservationConvention;
import io.github.eventsourcing.azure.observation.EventStoreObservationContext;
import io.github.eventsourcing.azure.observation.EventStoreObservationConvention;
import io.github.eventsourcing.azure.spi.AppendRequest;
import io.github.eventsourcing.azure.spi.ChangeFeed;
import io.github.eventsourcing.azure.spi.EventSink;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.spi.HealthProbe;
import io.github.eventsourcing.azure.spi.PendingChanges;
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
import java.util.Optional;
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
        observed.snapshots().orElseThrow().saveSnapshot(ACCOUNT, "Balance-1", snapshot);

        assertThat(memory.loadSnapshot(ACCOUNT, "Balance-1")).contains(snapshot);
        assertThat(observed.healthProbe().orElseThrow().checkHealth(Duration.ofSeconds(1))).containsKey("streams");
        assertThat(ObservedEventStore.isObserved(observed)).isTrue();
        assertThat(ObservedEventStore.delegateOf(observed)).isSameAs(memory);
        EventStore plain = ObservedEventStore.of(new FailingStore(null), registry, null);
        assertThat(plain.snapshots()).isEmpty();
        assertThat(plain.healthProbe()).isEmpty();
        assertThat(plain.changeFeed()).isEmpty();
    }

    @Test
    @DisplayName("hands on the change feed and health probe a store declares, as they are and unobserved")
    void handsOnDeclaredCapabilities() {
        DurableStore store = new DurableStore();
        EventStore observed = ObservedEventStore.of(store, registry, null);

        assertThat(observed.changeFeed()).containsSame(store.feed);
        assertThat(observed.healthProbe()).containsSame(store.probe);
        assertThat(observed.snapshots()).isEmpty();
        assertThat(observed.healthProbe().orElseThrow().checkHealth(Duration.ofSeconds(1)))
                .containsEntry("probed", true);
        assertThat(observed.toString()).isEqualTo("observed durable store");
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

    /** A store without snapshots, with a change feed and a health probe. */
    private static final class DurableStore extends ForwardingEventStore {
        final HealthProbe probe = timeout -> Map.of("probed", true);
        final ChangeFeed feed = new ChangeFeed() {
            @Override
            public String name() {
                return "durable";
            }

            @Override
            public void forEachPendingStream(Instant changedBefore, Consumer<StreamId> action) {
            }

            @Override
            public PendingChanges read(StreamId id, int maxEvents) {
                return new PendingChanges(id, List.of(), null, 0, List.of(), null);
            }

            @Override
            public void markPublished(PendingChanges changes, long publishedVersion) {
            }
        };

        @Override
        public Optional<ChangeFeed> changeFeed() {
            return Optional.of(feed);
        }

        @Override
        public Optional<HealthProbe> healthProbe() {
            return Optional.of(probe);
        }

        @Override
        public String toString() {
            return "durable store";
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
