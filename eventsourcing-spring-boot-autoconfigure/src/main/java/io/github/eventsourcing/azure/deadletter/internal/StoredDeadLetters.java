package io.github.eventsourcing.azure.deadletter.internal;

import io.github.eventsourcing.azure.deadletter.DeadLetters;
import io.github.eventsourcing.azure.spi.DeadLetter;
import io.github.eventsourcing.azure.spi.DeadLetterStore;
import io.github.eventsourcing.azure.spi.EventStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The dead letters of every kind in the stores the application uses: listed together, and retried or skipped by the
 * rules of each letter's {@link DeadLetterKind}.
 */
public final class StoredDeadLetters implements DeadLetters {

    private final List<DeadLetterStore> stores = new ArrayList<>();
    private final Supplier<? extends Collection<DeadLetterKind>> kinds;

    /**
     * @param stores the stores (repeats and stores that keep no dead letters are left out)
     * @param kinds  the rules of each kind this application handles; asked when a letter is retried or skipped
     */
    public StoredDeadLetters(Collection<EventStore> stores, Supplier<? extends Collection<DeadLetterKind>> kinds) {
        this.kinds = kinds;
        Map<DeadLetterStore, Boolean> seen = new IdentityHashMap<>();
        for (EventStore store : stores) {
            store.deadLetters().filter(letters -> seen.put(letters, Boolean.TRUE) == null).ifPresent(this.stores::add);
        }
    }

    @Override
    public List<DeadLetter> list() {
        return stores.stream().flatMap(store -> store.list().stream()).sorted(DeadLetterFields.OLDEST_FIRST).toList();
    }

    /** The letters of one kind, oldest first failure first. */
    public List<DeadLetter> list(String kind) {
        return list().stream().filter(letter -> letter.kind().equals(kind)).toList();
    }

    @Override
    public Optional<DeadLetter> find(String id) {
        return locate(id).map(Located::letter);
    }

    @Override
    public Optional<DeadLetter> retry(String id) {
        return release(id, DeadLetterKind::retry);
    }

    @Override
    public Optional<DeadLetter> skip(String id) {
        return release(id, DeadLetterKind::skip);
    }

    private Optional<DeadLetter> release(String id, ReleaseAction action) {
        return locate(id).map(found -> {
            DeadLetterKind kind = kinds.get().stream().filter(rules -> rules.kind().equals(found.letter().kind()))
                    .findFirst().orElseThrow(() -> new IllegalStateException("Dead letter " + id + " is of kind '"
                            + found.letter().kind() + "', which this application does not handle (are "
                            + found.letter().kind() + "s switched on here?); retry or skip it where they are"));
            action.accept(kind, found.letter(), found.store());
            return found.letter();
        });
    }

    @FunctionalInterface
    private interface ReleaseAction {
        void accept(DeadLetterKind kind, DeadLetter letter, DeadLetterStore store);
    }

    private record Located(DeadLetterStore store, DeadLetter letter) {
    }

    private Optional<Located> locate(String id) {
        if (!DeadLetter.isValidId(id)) {
            return Optional.empty();
        }
        for (DeadLetterStore store : stores) {
            Optional<DeadLetter> letter = store.find(id);
            if (letter.isPresent()) {
                return Optional.of(new Located(store, letter.get()));
            }
        }
        return Optional.empty();
    }
}
