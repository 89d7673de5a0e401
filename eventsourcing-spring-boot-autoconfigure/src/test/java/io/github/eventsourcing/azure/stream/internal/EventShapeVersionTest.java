package io.github.eventsourcing.azure.stream.internal;

import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.EventSerializationException;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.test.contract.ContractEvents.AddressChanged;
import io.github.eventsourcing.azure.test.contract.ContractEvents.AddressChangedV1;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A stored event whose shape version is not the one its class declares is refused on read, never bound into the
 * class as it is: Jackson would leave missing fields empty and drop unknown ones, and a fold would go on with wrong
 * values. (Upcasting itself is part of the contract suite.)
 */
@DisplayName("Events stored in another shape version than their class declares")
class EventShapeVersionTest {

    private final InMemoryEventStore store = new InMemoryEventStore();
    private final StreamId id = StreamId.of("Lab", "Customer", "c-1");

    private EventStream streamWith(Class<?> eventClass) {
        return new DefaultEventStreams(EventStoreRouter.single(store), new EventSerializer(StorageObjectMapper.create(),
                new EventTypeRegistry(List.of(eventClass), List.of()))).stream(id);
    }

    @Test
    @DisplayName("an older shape without an upcaster is refused, naming the upcaster to register")
    void olderShapeWithoutUpcaster() {
        streamWith(AddressChangedV1.class).append(new AddressChangedV1("1 Main Street, Springfield"));

        assertThatThrownBy(() -> streamWith(AddressChanged.class).read())
                .isInstanceOf(EventSerializationException.class)
                .hasMessageContaining("Event #1 of Lab/Customer/c-1 ('Address Changed' v1)")
                .hasMessageContaining("register an EventUpcaster bean for 'Address Changed' v1");
    }

    @Test
    @DisplayName("a newer shape than the class knows (code older than the data) is refused, not bound into the old class")
    void newerShapeThanTheClass() {
        streamWith(AddressChanged.class).append(new AddressChanged("1 Main Street", "Springfield"));

        assertThatThrownBy(() -> streamWith(AddressChangedV1.class).read())
                .isInstanceOf(EventSerializationException.class)
                .hasMessageContaining("('Address Changed' v2) was written by newer code than this")
                .hasMessageContaining("only knows v1");
    }
}
