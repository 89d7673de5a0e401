package io.github.eventsourcing.azure.table.internal;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Builds the {@code $filter} expressions of the store's queries. Azure allows at most
 * {@value #MAX_COMPARISONS} comparisons in one filter, which every expression here respects.
 */
final class ODataFilter {

    static final int MAX_COMPARISONS = 15;

    private ODataFilter() {
    }

    /** A string literal; OData escapes a single quote by doubling it. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Rows of one partition that match a row-key condition. */
    static String inPartition(String partitionKey, String rowKeyCondition) {
        return "PartitionKey eq " + literal(partitionKey) + " and (" + rowKeyCondition + ")";
    }

    static String rowKeyIs(String rowKey) {
        return "RowKey eq " + literal(rowKey);
    }

    /** Any of the row keys: one comparison each, so at most {@code MAX_COMPARISONS - 1} beside a partition key. */
    static String rowKeyIn(Collection<String> rowKeys) {
        if (rowKeys.isEmpty() || rowKeys.size() > MAX_COMPARISONS - 1) {
            throw new IllegalArgumentException("A filter can look up 1 to " + (MAX_COMPARISONS - 1)
                    + " row keys of one partition, not " + rowKeys.size());
        }
        return rowKeys.stream().map(ODataFilter::rowKeyIs).collect(Collectors.joining(" or "));
    }

    static String rowKeyBetween(String fromInclusive, String toInclusive) {
        return "RowKey ge " + literal(fromInclusive) + " and RowKey le " + literal(toInclusive);
    }
}
