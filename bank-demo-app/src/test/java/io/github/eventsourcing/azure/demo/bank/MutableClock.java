package io.github.eventsourcing.azure.demo.bank;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still at an instant the test sets. */
public final class MutableClock extends Clock {

    private volatile Instant now;

    public MutableClock(String instant) {
        this.now = Instant.parse(instant);
    }

    public void set(String instant) {
        now = Instant.parse(instant);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the bank works in UTC");
    }
}
