/**
 * The dead-letter record, shared by every kind of work that can be set aside after it kept failing (notifications,
 * commands): the {@link io.github.eventsourcing.azure.deadletter.DeadLetters} bean lists, retries and skips letters
 * across every store the application routes to. Each kind's retry and skip rules live with the feature that files
 * the letters; the stored letter is {@link io.github.eventsourcing.azure.spi.DeadLetter}.
 */
package io.github.eventsourcing.azure.deadletter;
