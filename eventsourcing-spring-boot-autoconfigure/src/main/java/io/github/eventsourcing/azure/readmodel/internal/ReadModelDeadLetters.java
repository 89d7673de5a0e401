package io.github.eventsourcing.azure.readmodel.internal;

import io.github.eventsourcing.azure.deadletter.internal.DeadLetterKind;
import io.github.eventsourcing.azure.spi.DeadLetter;
import io.github.eventsourcing.azure.spi.DeadLetterStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of read model dead letters: retry applies the stream to the model at once (and the letter stays when that
 * fails again); skip leaves the row as it is until the stream's next change. Either way the model then applies the
 * stream's changes again.
 */
public final class ReadModelDeadLetters implements DeadLetterKind {

    private static final Logger log = LoggerFactory.getLogger(ReadModelDeadLetters.class);

    private final ReadModelUpdater updater;

    public ReadModelDeadLetters(ReadModelUpdater updater) {
        this.updater = updater;
    }

    @Override
    public String kind() {
        return ReadModelUpdater.KIND;
    }

    @Override
    public void retry(DeadLetter letter, DeadLetterStore store) {
        updater.retry(letter);
        store.remove(letter.id());
        log.info("Dead letter {} of read model {} for {} retried", letter.id(), letter.detail(ReadModelUpdater.MODEL),
                letter.stream());
    }

    @Override
    public void skip(DeadLetter letter, DeadLetterStore store) {
        store.remove(letter.id());
        updater.release(letter);
        log.warn("Dead letter {} of read model {} for {} skipped: its row stays as it is until the stream changes",
                letter.id(), letter.detail(ReadModelUpdater.MODEL), letter.stream());
    }
}
