package io.github.eventsourcing.azure.notification.internal;

/**
 * The notifications of one stream's events could not be built, or the topic refused them while it accepts others:
 * trying them again as they are is unlikely to help, so after a few attempts they become a dead letter.
 */
final class UndeliverableNotificationsException extends RuntimeException {

    private final long fromSequence;
    private final long toSequence;

    /**
     * @param fromSequence the first event sequence concerned
     * @param toSequence   the last one; below {@code fromSequence} when only deletions were concerned
     */
    UndeliverableNotificationsException(long fromSequence, long toSequence, RuntimeException cause) {
        super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        this.fromSequence = fromSequence;
        this.toSequence = toSequence;
    }

    long fromSequence() {
        return fromSequence;
    }

    long toSequence() {
        return toSequence;
    }
}
