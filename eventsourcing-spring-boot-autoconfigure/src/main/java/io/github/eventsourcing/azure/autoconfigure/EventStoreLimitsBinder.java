package io.github.eventsourcing.azure.autoconfigure;

import io.github.eventsourcing.azure.stream.EventStoreLimits;
import org.springframework.util.unit.DataSize;

/** Turns {@code eventsourcing.limits.*} into {@link EventStoreLimits}, saying which property is out of range. */
final class EventStoreLimitsBinder {

    private static final EventStoreLimits MAX = EventStoreLimits.DEFAULT;
    private static final int MIN_EVENT_BYTES = 1024;

    private EventStoreLimitsBinder() {
    }

    static EventStoreLimits toLimits(EventSourcingProperties.Limits limits) {
        int events = limits.getMaxEventsPerAppend();
        if (events < 1 || events > MAX.maxEventsPerAppend()) {
            throw outOfRange("max-events-per-append", String.valueOf(events), "1", String.valueOf(MAX.maxEventsPerAppend()),
                    "an Azure Table transaction holds at most 100 rows and each event takes two");
        }
        long eventBytes = limits.getMaxEventSize().toBytes();
        if (eventBytes < MIN_EVENT_BYTES || eventBytes > MAX.maxEventBytes()) {
            throw outOfRange("max-event-size", size(eventBytes), size(MIN_EVENT_BYTES), size(MAX.maxEventBytes()),
                    "an event is split over the 64KB properties of one 1MB Azure Table entity and sent whole in one "
                            + "Event Grid notification");
        }
        long appendBytes = limits.getMaxAppendSize().toBytes();
        if (appendBytes < eventBytes || appendBytes > MAX.maxAppendBytes()) {
            throw outOfRange("max-append-size", size(appendBytes), size(eventBytes) + " (max-event-size)",
                    size(MAX.maxAppendBytes()), "one append is one 4MB Azure Table transaction or append-blob block, "
                            + "with room for encoding");
        }
        return new EventStoreLimits(events, (int) eventBytes, (int) appendBytes);
    }

    private static InvalidEventSourcingConfigurationException outOfRange(String property, String value, String min,
                                                                         String max, String why) {
        return new InvalidEventSourcingConfigurationException("eventsourcing.limits." + property + " is " + value
                + ", outside the allowed range " + min + " to " + max + ". Limits may only be lowered, never raised: "
                + why + ".", "Set eventsourcing.limits." + property + " between " + min + " and " + max
                + ", or remove it to use " + max + ".");
    }

    private static String size(long bytes) {
        DataSize size = DataSize.ofBytes(bytes);
        if (bytes % (1024 * 1024) == 0) {
            return size.toMegabytes() + "MB";
        }
        return bytes % 1024 == 0 ? size.toKilobytes() + "KB" : bytes + "B";
    }
}
