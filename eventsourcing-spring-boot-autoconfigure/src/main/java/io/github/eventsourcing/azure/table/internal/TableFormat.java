package io.github.eventsourcing.azure.table.internal;

import com.azure.data.tables.models.TableEntity;
import io.github.eventsourcing.azure.stream.UnsupportedStoredFormatException;

/**
 * The version of the Table layout (see the {@code io.github.eventsourcing.azure.table} package docs), kept in the
 * property {@code FormatVersion} of the rows a reader interprets: the header, every event row and every snapshot row.
 * It travels in the same entity as the data, so it costs no request and is written atomically with it; a row without
 * it is version 1, as written before the layout had a version.
 */
final class TableFormat {

    static final String PROPERTY = "FormatVersion";

    /** The version this code writes, and the newest it reads. */
    static final int CURRENT = 3;

    /** Rows written before the layout had a version. */
    static final int UNVERSIONED = 1;

    private TableFormat() {
    }

    static TableEntity stamped(TableEntity entity) {
        return entity.addProperty(PROPERTY, CURRENT);
    }

    static int of(TableEntity entity) {
        Object value = entity.getProperty(PROPERTY);
        if (value == null) {
            return UNVERSIONED;
        }
        return value instanceof Number number ? number.intValue() : Integer.parseInt(value.toString());
    }

    /**
     * The row, when this code can read it.
     *
     * @throws UnsupportedStoredFormatException when a later version of the library wrote it
     */
    static TableEntity readable(TableEntity entity) {
        int version = of(entity);
        if (version > CURRENT) {
            throw new UnsupportedStoredFormatException("the table row " + entity.getRowKey(),
                    "table-" + version, "table-" + CURRENT);
        }
        return entity;
    }
}
