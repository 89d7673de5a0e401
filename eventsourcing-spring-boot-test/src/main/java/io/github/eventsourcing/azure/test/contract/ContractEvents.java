package io.github.eventsourcing.azure.test.contract;

import io.github.eventsourcing.azure.stream.EventName;

/** Event types the contract suite writes. */
public final class ContractEvents {

    private ContractEvents() {
    }

    @EventName("Thing Happened")
    public record ThingHappened(String text, int number) {
    }

    /** "Thing Happened" in a later schema version of the same JSON shape (never registered beside ThingHappened). */
    @EventName(value = "Thing Happened", version = 2)
    public record ThingHappenedV2(String text, int number) {
    }

    @EventName("Blob Attached")
    public record BlobAttached(String content) {
    }

    /** The first shape of "Address Changed", stored by old code. */
    @EventName(value = "Address Changed", version = 1)
    public record AddressChangedV1(String address) {
    }

    /** Today's shape of "Address Changed": the address was split into street and city. */
    @EventName(value = "Address Changed", version = 2)
    public record AddressChanged(String street, String city) {
    }
}
