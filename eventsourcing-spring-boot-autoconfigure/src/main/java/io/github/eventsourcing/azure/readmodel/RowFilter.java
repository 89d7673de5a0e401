package io.github.eventsourcing.azure.readmodel;

import java.util.Objects;

/**
 * Which rows of a read model a query returns: every row, or those whose value in one declared column is equal to a
 * value, below it, at least it, or in a half-open range. Every one of them is answered from index rows, a key range
 * of the model's storage, never by scanning the rows (see the package documentation). Rows without a value in the
 * column are not found by a filter on it.
 *
 * @param column the column, null for every row
 * @param from   the lowest value included, null for no lower bound
 * @param to     the value above the highest included, null for no upper bound; for {@link #equalTo} the same as
 *               {@code from}
 * @param equal  whether only {@code from} itself matches
 */
public record RowFilter(String column, Object from, Object to, boolean equal) {

    public RowFilter {
        if (column == null && (from != null || to != null)) {
            throw new IllegalArgumentException("A filter with bounds names its column");
        }
        if (equal && from == null) {
            throw new IllegalArgumentException("An equality filter needs a value");
        }
    }

    /** Every row, ordered by instance key. */
    public static RowFilter all() {
        return new RowFilter(null, null, null, false);
    }

    /** Rows whose value equals {@code value}. */
    public static RowFilter equalTo(String column, Object value) {
        return new RowFilter(column(column), Objects.requireNonNull(value, "value"), value, true);
    }

    /** Rows whose value is lower than {@code value}, lowest first. */
    public static RowFilter below(String column, Object value) {
        return new RowFilter(column(column), null, Objects.requireNonNull(value, "value"), false);
    }

    /** Rows whose value is {@code value} or higher, lowest first. */
    public static RowFilter atLeast(String column, Object value) {
        return new RowFilter(column(column), Objects.requireNonNull(value, "value"), null, false);
    }

    /** Rows whose value is at least {@code fromInclusive} and below {@code toExclusive}, lowest first. */
    public static RowFilter between(String column, Object fromInclusive, Object toExclusive) {
        return new RowFilter(column(column), Objects.requireNonNull(fromInclusive, "fromInclusive"),
                Objects.requireNonNull(toExclusive, "toExclusive"), false);
    }

    private static String column(String column) {
        return Objects.requireNonNull(column, "column");
    }
}
