package io.github.eventsourcing.azure.readmodel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One instance's row of a read model.
 *
 * @param key      the instance key
 * @param sequence the sequence of the instance's last event the row reflects
 * @param columns  the column values by name ({@link BigDecimal}, {@link Long}, {@link String}, {@link Boolean} or
 *                 {@link Instant}, as declared); a column without a value is absent
 */
public record ReadModelRow(String key, long sequence, Map<String, Object> columns) {

    public ReadModelRow {
        Objects.requireNonNull(key, "key");
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public BigDecimal decimal(String column) {
        return (BigDecimal) columns.get(column);
    }

    public Long longValue(String column) {
        return (Long) columns.get(column);
    }

    public String string(String column) {
        return (String) columns.get(column);
    }

    public Boolean bool(String column) {
        return (Boolean) columns.get(column);
    }

    public Instant instant(String column) {
        return (Instant) columns.get(column);
    }
}
