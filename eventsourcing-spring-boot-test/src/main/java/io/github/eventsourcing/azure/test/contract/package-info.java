/**
 * The contract a backend passes unchanged: extend
 * {@link io.github.eventsourcing.azure.test.contract.EventStoreContractTest} with the store under test (and
 * {@link io.github.eventsourcing.azure.test.contract.ChangeFeedContractTest} when the backend has a change feed for
 * notifications, and {@link io.github.eventsourcing.azure.test.contract.DeadLetterStoreContractTest} when it keeps
 * dead letters). The built-in backends run the same classes.
 */
package io.github.eventsourcing.azure.test.contract;
