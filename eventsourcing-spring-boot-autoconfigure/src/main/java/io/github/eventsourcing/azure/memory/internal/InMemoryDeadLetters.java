package io.github.eventsourcing.azure.memory.internal;

import io.github.eventsourcing.azure.deadletter.internal.DeadLetterFields;
import io.github.eventsourcing.azure.spi.DeadLetter;
import io.github.eventsourcing.azure.spi.DeadLetterStore;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory store's dead letters: gone with the process, like its streams. */
final class InMemoryDeadLetters implements DeadLetterStore {

    private final Map<String, DeadLetter> letters = new ConcurrentHashMap<>();

    @Override
    public void save(DeadLetter deadLetter) {
        letters.put(deadLetter.id(), deadLetter);
    }

    @Override
    public List<DeadLetter> list() {
        return letters.values().stream().sorted(DeadLetterFields.OLDEST_FIRST).toList();
    }

    @Override
    public Optional<DeadLetter> find(String id) {
        return Optional.ofNullable(letters.get(id));
    }

    @Override
    public boolean remove(String id) {
        return letters.remove(id) != null;
    }
}
