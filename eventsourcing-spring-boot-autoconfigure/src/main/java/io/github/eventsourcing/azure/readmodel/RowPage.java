package io.github.eventsourcing.azure.readmodel;

import java.util.List;

/**
 * One page of a read model query.
 *
 * @param rows         the rows, in the filter's order (by column value, then by instance key)
 * @param continuation pass it to the same query for the next page; null when this is the last page
 */
public record RowPage(List<ReadModelRow> rows, String continuation) {

    public RowPage {
        rows = List.copyOf(rows);
    }
}
