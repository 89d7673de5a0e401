package io.github.eventsourcing.azure.test.contract;

import io.github.eventsourcing.azure.spi.DeadLetter;
import io.github.eventsourcing.azure.spi.DeadLetterStore;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.stream.StreamId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of {@link EventStore#deadLetters()} for a backend that keeps dead letters. A backend's test extends it
 * as {@code <Backend>DeadLetterStoreContractTest}. Each test uses letters of its own, so a backend may share one
 * storage account across all tests; stores made by {@link #store()} and {@link #anotherInstanceOnSameStorage()} must
 * share the dead letters.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class DeadLetterStoreContractTest {

    /** The store under test. */
    protected abstract EventStore store();

    /** A second store on the same storage, as another application instance would open it. */
    protected EventStore anotherInstanceOnSameStorage() {
        return store();
    }

    private DeadLetterStore deadLetters() {
        return store().deadLetters().orElseThrow(() -> new AssertionError("the store declares no dead letters"));
    }

    @Test
    @DisplayName("a saved dead letter is found and listed by every instance, with all its fields")
    void savedIsFoundEverywhere() {
        DeadLetter letter = letter("Bank", "Account", "DL-" + UUID.randomUUID(), 3, "HTTP 400 ünïcode \"quoted\"");

        deadLetters().save(letter);

        DeadLetterStore other = anotherInstanceOnSameStorage().deadLetters().orElseThrow();
        assertThat(other.find(letter.id())).contains(letter);
        assertThat(other.list()).contains(letter);
    }

    @Test
    @DisplayName("a dead letter's kind and details are kept as saved")
    void detailsAreKept() {
        StreamId command = StreamId.of("Bank", "Command-TransferMoney", "DL-" + UUID.randomUUID());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DeadLetter letter = new DeadLetter(DeadLetter.idOf(DeadLetter.COMMAND, command, 7), DeadLetter.COMMAND,
                command, 7, 7, 5, "timeout", now, now, Map.of(DeadLetter.STEP, "crédit \"2\"", "other", ""));

        deadLetters().save(letter);

        DeadLetter found = anotherInstanceOnSameStorage().deadLetters().orElseThrow().find(letter.id()).orElseThrow();
        assertThat(found).isEqualTo(letter);
        assertThat(found.detail(DeadLetter.STEP)).isEqualTo("crédit \"2\"");
    }

    @Test
    @DisplayName("saving a dead letter again replaces it")
    void saveReplaces() {
        DeadLetter first = letter("Bank", "Account", "DL-" + UUID.randomUUID(), 2, "first");
        DeadLetter again = new DeadLetter(first.id(), first.kind(), first.stream(), first.fromSequence(),
                first.toSequence(), 7, "again", first.firstFailedAt(), first.lastFailedAt().plusSeconds(60));

        deadLetters().save(first);
        deadLetters().save(again);

        assertThat(deadLetters().find(first.id())).contains(again);
        assertThat(deadLetters().list()).filteredOn(l -> l.id().equals(first.id())).containsExactly(again);
    }

    @Test
    @DisplayName("a removed dead letter is gone for every instance, and removing it again says there was none")
    void removeIsSeenEverywhere() {
        DeadLetter letter = letter("Bank", "Account", "DL-" + UUID.randomUUID(), 1, "gone soon");
        deadLetters().save(letter);

        assertThat(anotherInstanceOnSameStorage().deadLetters().orElseThrow().remove(letter.id())).isTrue();

        assertThat(deadLetters().find(letter.id())).isEmpty();
        assertThat(deadLetters().list()).doesNotContain(letter);
        assertThat(deadLetters().remove(letter.id())).isFalse();
    }

    @Test
    @DisplayName("an id that names no dead letter, or could not be one, finds nothing and removes nothing")
    void unknownIds() {
        assertThat(deadLetters().find(UUID.randomUUID().toString())).isEmpty();
        assertThat(deadLetters().find("not/an'id")).isEmpty();
        assertThat(deadLetters().remove("not/an'id")).isFalse();
    }

    @Test
    @DisplayName("dead letters are listed oldest first failure first")
    void listedOldestFirst() {
        String key = "DL-" + UUID.randomUUID();
        DeadLetter newer = letter("Bank", "Account", key, 1, "newer");
        DeadLetter older = new DeadLetter(DeadLetter.idOf(DeadLetter.NOTIFICATION, newer.stream(), 99),
                DeadLetter.NOTIFICATION, newer.stream(), 99, 99, 1, "older", newer.firstFailedAt().minusSeconds(3600),
                newer.lastFailedAt());
        deadLetters().save(newer);
        deadLetters().save(older);

        assertThat(deadLetters().list()).filteredOn(l -> l.stream().equals(newer.stream()))
                .containsExactly(older, newer);
    }

    private static DeadLetter letter(String domain, String entity, String key, int attempts, String error) {
        StreamId stream = StreamId.of(domain, entity, key);
        // Storage keeps times to the millisecond at least; compare what all backends keep.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new DeadLetter(DeadLetter.idOf(DeadLetter.NOTIFICATION, stream, 4), DeadLetter.NOTIFICATION, stream, 4,
                6, attempts, error, now.minusSeconds(30), now);
    }
}
