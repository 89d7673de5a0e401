package io.github.eventsourcing.azure.readmodel;

import io.github.eventsourcing.azure.stream.StreamId.StreamType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A read model: a continuously maintained row per instance of a domain/entity, holding columns taken from a
 * projection's state of that instance. Declare one as a bean; the library keeps its rows up to date from every write
 * (see the package documentation) and answers {@link ReadModels} queries from them:
 *
 * <pre>{@code
 * @Bean
 * ReadModel<AccountBalance> accounts() {
 *     return ReadModel.of("accounts", 1, new StreamType("Bank", "Account"), AccountBalance.class)
 *             .decimal("balance", AccountBalance::balance)
 *             .string("owner", AccountBalance::owner);
 * }
 * }</pre>
 *
 * <p>Instances are immutable: each column method returns a new declaration.
 *
 * @param <S> the projection class, folded per instance as {@link io.github.eventsourcing.azure.projection.Projections}
 *            does
 */
public final class ReadModel<S> {

    /** Letters and digits, starting with a letter: names end up in storage keys. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,39}");

    /** At most this many columns: a row and its index rows are written in one Azure Table transaction (100). */
    public static final int MAX_COLUMNS = 40;

    /** The types a column can have; each has an order-preserving encoding, so every column can be filtered. */
    public enum ColumnType {
        /** A {@link BigDecimal}, negative ones included. */
        DECIMAL,
        /** A {@code long}. */
        LONG,
        /** A {@link String}. */
        STRING,
        /** A {@code boolean}. */
        BOOLEAN,
        /** An {@link Instant}. */
        INSTANT
    }

    /**
     * One declared column.
     *
     * @param name  letters and digits, starting with a letter
     * @param type  its type
     * @param value takes the column's value from the projection's state; null means no value (such a row is not
     *              found by filters on the column)
     */
    public record Column<S>(String name, ColumnType type, Function<? super S, ?> value) {
        public Column {
            requireName(name, "A column name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
        }
    }

    private final String name;
    private final int version;
    private final StreamType source;
    private final Class<S> projection;
    private final List<Column<S>> columns;

    private ReadModel(String name, int version, StreamType source, Class<S> projection, List<Column<S>> columns) {
        this.name = requireName(name, "A read model name");
        if (version < 1) {
            throw new IllegalArgumentException("The version of read model " + name + " must be 1 or more, not "
                    + version);
        }
        this.version = version;
        this.source = Objects.requireNonNull(source, "source");
        this.projection = Objects.requireNonNull(projection, "projection");
        this.columns = List.copyOf(columns);
    }

    /**
     * A read model without columns yet.
     *
     * @param name       names the model in queries, storage and dead letters: letters and digits, starting with a
     *                   letter
     * @param version    raise it when the projection or the columns change: the new version is built from scratch
     *                   beside the old one
     * @param source     the domain/entity whose instances it has a row for
     * @param projection the projection whose state per instance is the row
     */
    public static <S> ReadModel<S> of(String name, int version, StreamType source, Class<S> projection) {
        return new ReadModel<>(name, version, source, projection, List.of());
    }

    public ReadModel<S> decimal(String column, Function<? super S, ? extends BigDecimal> value) {
        return with(new Column<>(column, ColumnType.DECIMAL, value));
    }

    public ReadModel<S> longValue(String column, Function<? super S, ? extends Long> value) {
        return with(new Column<>(column, ColumnType.LONG, value));
    }

    public ReadModel<S> string(String column, Function<? super S, String> value) {
        return with(new Column<>(column, ColumnType.STRING, value));
    }

    public ReadModel<S> bool(String column, Function<? super S, Boolean> value) {
        return with(new Column<>(column, ColumnType.BOOLEAN, value));
    }

    public ReadModel<S> instant(String column, Function<? super S, Instant> value) {
        return with(new Column<>(column, ColumnType.INSTANT, value));
    }

    private ReadModel<S> with(Column<S> column) {
        if (columns.stream().anyMatch(existing -> existing.name().equals(column.name()))) {
            throw new IllegalArgumentException("Read model " + name + " already has a column " + column.name());
        }
        if (columns.size() == MAX_COLUMNS) {
            throw new IllegalArgumentException("Read model " + name + " has " + MAX_COLUMNS + " columns, the most "
                    + "one row can have");
        }
        List<Column<S>> more = new ArrayList<>(columns);
        more.add(column);
        return new ReadModel<>(name, version, source, projection, more);
    }

    public String name() {
        return name;
    }

    public int version() {
        return version;
    }

    public StreamType source() {
        return source;
    }

    public Class<S> projection() {
        return projection;
    }

    public List<Column<S>> columns() {
        return columns;
    }

    /** The declared column of that name. */
    public Column<S> column(String column) {
        return columns.stream().filter(declared -> declared.name().equals(column)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Read model " + name + " has no column " + column
                        + "; its columns: " + columns.stream().map(Column::name).toList()));
    }

    @Override
    public String toString() {
        return "ReadModel[" + name + " v" + version + " of " + source + " by " + projection.getSimpleName() + "]";
    }

    private static String requireName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " is 1 to 40 letters and digits, starting with a letter, not '"
                    + name + "'");
        }
        return name;
    }
}
