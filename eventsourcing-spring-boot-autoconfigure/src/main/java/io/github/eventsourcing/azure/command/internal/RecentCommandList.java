package io.github.eventsourcing.azure.command.internal;

import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.event.CommandListPageOpened;
import io.github.eventsourcing.azure.command.event.CommandListed;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.NewEvent;
import io.github.eventsourcing.azure.stream.ReadOptions;
import io.github.eventsourcing.azure.stream.RecordedEvent;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The list of recently started commands of each type, in pages of bounded length, so that listing the latest ones
 * costs the same however many commands were ever started, on every backend.
 *
 * <p>Under the type's {@link CommandType#recentListType()}: the pages {@code page-0}, {@code page-1}, ..., each a
 * stream of {@link CommandListed} entries whose event id is the command id, and the counter {@code pages}, a stream
 * of {@link CommandListPageOpened} events whose count is the number of the page that takes new entries. An entry
 * that fills a page opens the next one (the event id {@code page-N} makes a second opener a repeat that writes
 * nothing). Every page stays short: a writer that finds its page full (it knew an old current page) enters the
 * command again in the current one. No long stream is ever appended to, which matters to the AppendBlob backend, whose
 * first append to a stream reads the stream's event ids.
 *
 * <p>Listing reads the counter's version, the current page's version and its last entries, and the end of the page
 * before when the current one holds too few: at most 4 round trips for up to {@link #MAX_LIMIT} ids. A command
 * entered twice (a start repeated after its page filled, or a writer that knew an old page) is listed once, at its
 * newest place.
 */
public final class RecentCommandList {

    /** The most ids one listing returns, and the length of a page: so a listing reads at most two pages. */
    public static final int MAX_LIMIT = 1000;

    private static final String COUNTER = "pages";

    private final EventStreams streams;
    private final int pageSize;
    /** The page this process last knew to take entries, per type; the counter is read when unknown. */
    private final Map<CommandType, Long> currentPages = new ConcurrentHashMap<>();

    public RecentCommandList(EventStreams streams) {
        this(streams, MAX_LIMIT);
    }

    RecentCommandList(EventStreams streams, int pageSize) {
        this.streams = streams;
        this.pageSize = pageSize;
    }

    /** Enters a command: one round trip while this process knows the current page, two more when a page fills. */
    void enter(CommandType type, String commandId) {
        long page = currentPages.computeIfAbsent(type, this::readCurrentPage);
        while (true) {
            long sequence = append(type, page, commandId);
            if (sequence < pageSize) {
                return;
            }
            long current = openPage(type, page + 1);
            if (sequence == pageSize || current == page + 1) {
                return; // in the page before the current one, where listings look next
            }
            // The page was full before this entry and is older than that: listings may never read it.
            page = current;
        }
    }

    /** The ids of the latest entered commands of the type, newest first, at most {@code limit}. */
    List<String> latest(CommandType type, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("The limit of a listing of recent commands must be 1 to " + MAX_LIMIT
                    + ", not " + limit);
        }
        Set<String> ids = new LinkedHashSet<>();
        long current = readCurrentPage(type);
        for (long page = current; page >= 0 && ids.size() < limit; page--) {
            EventStream stream = page(type, page);
            int wanted = limit - ids.size();
            // Only the current page may hold fewer entries than a full one; older pages may hold more (entries that
            // came after they filled), which are read too, as the newest there.
            long end = page == current ? stream.version() : pageSize;
            if (end == 0) {
                continue; // a page just opened, with no entry yet
            }
            List<RecordedEvent> entries = stream.read(ReadOptions.from(Math.max(1, end - wanted + 1)));
            for (int i = entries.size() - 1; i >= 0 && ids.size() < limit; i--) {
                ids.add(entries.get(i).eventId());
            }
        }
        return List.copyOf(ids);
    }

    /** The sequence of the command's entry in the page: its existing one when the page holds it already. */
    private long append(CommandType type, long page, String commandId) {
        return page(type, page).append(NewEvent.of(new CommandListed(type.name()), commandId), AppendOptions.DEFAULT)
                .lastSequence();
    }

    /** Opens the page (once, whoever else does too) and returns the page that now takes entries. */
    private long openPage(CommandType type, long page) {
        counter(type).append(NewEvent.of(new CommandListPageOpened(page), "page-" + page), AppendOptions.DEFAULT);
        long current = Math.max(page, readCurrentPage(type));
        currentPages.merge(type, current, Math::max);
        return current;
    }

    private long readCurrentPage(CommandType type) {
        return counter(type).version();
    }

    private EventStream page(CommandType type, long page) {
        return streams.stream(type.recentListType().instance("page-" + page));
    }

    private EventStream counter(CommandType type) {
        return streams.stream(type.recentListType().instance(COUNTER));
    }
}
