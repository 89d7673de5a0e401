package io.github.eventsourcing.azure.demo.bank.account.event;

import io.github.eventsourcing.azure.stream.EventName;

/** The person who receives the account's money if the holder dies; replaces any earlier beneficiary. */
@EventName("Beneficiary Set")
public record BeneficiarySet(String name, String countryOfResidence) {
}
