package io.github.eventsourcing.azure.table.internal;

import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import io.github.eventsourcing.azure.stream.AppendTooLargeException;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Azure Table storage's physical limits, checked before a transaction is sent. Azurite does not enforce all of them
 * (it accepts oversized entities and transactions that span partitions), so a mistake here would pass every local
 * test and fail only in production: the checks are deliberately conservative.
 */
final class TableLimits {

    static final int MAX_ENTITIES_PER_TRANSACTION = 100;
    static final long MAX_TRANSACTION_BYTES = 4L * 1024 * 1024;
    static final long MAX_ENTITY_BYTES = 1024 * 1024;
    static final long MAX_PROPERTY_BYTES = 64 * 1024;
    /** Custom properties per entity, beside PartitionKey, RowKey and Timestamp. */
    static final int MAX_PROPERTIES = 252;

    /** Multipart framing and sub-request headers of one operation, generously rounded up (about 400 measured). */
    private static final int OPERATION_OVERHEAD_BYTES = 1024;
    private static final int BATCH_OVERHEAD_BYTES = 1024;
    /** Each property travels with a type annotation, {@code "Name@odata.type":"Edm.Binary"}. */
    private static final String ODATA_TYPE_SUFFIX = "@odata.type";

    private TableLimits() {
    }

    /**
     * Refuses a transaction Azure would refuse, before anything is sent.
     *
     * @param tableUrl the table's URL, which each operation of the batch repeats
     * @param what     names the operation in messages, e.g. "appending 3 event(s) to stream Bank/Account/A-1"
     */
    static void check(String tableUrl, List<TableTransactionAction> actions, String what) {
        if (actions.size() > MAX_ENTITIES_PER_TRANSACTION) {
            throw new AppendTooLargeException(capitalized(what) + " needs " + actions.size() + " rows in one "
                    + "transaction; Azure Table storage takes at most " + MAX_ENTITIES_PER_TRANSACTION);
        }
        String partitionKey = actions.get(0).getEntity().getPartitionKey();
        long requestBytes = BATCH_OVERHEAD_BYTES;
        for (TableTransactionAction action : actions) {
            TableEntity entity = action.getEntity();
            if (!partitionKey.equals(entity.getPartitionKey())) {
                throw new IllegalStateException("A transaction must stay in one partition: '" + partitionKey + "' and '"
                        + entity.getPartitionKey() + "'");
            }
            List<Map.Entry<String, Object>> properties = customProperties(entity);
            checkEntity(entity, properties, what);
            requestBytes += estimatedOperationBytes(tableUrl, action, properties);
        }
        if (requestBytes > MAX_TRANSACTION_BYTES) {
            throw new AppendTooLargeException(capitalized(what) + " would be about " + requestBytes + " bytes on the "
                    + "wire; Azure Table storage takes at most " + MAX_TRANSACTION_BYTES + " bytes per transaction. "
                    + "Write fewer or smaller events at once");
        }
    }

    static void checkEntity(TableEntity entity, String what) {
        checkEntity(entity, customProperties(entity), what);
    }

    /** One pass over the entity's properties (this runs for every row of every append). */
    private static void checkEntity(TableEntity entity, List<Map.Entry<String, Object>> properties, String what) {
        if (properties.size() > MAX_PROPERTIES) {
            throw new AppendTooLargeException(capitalized(what) + ": row '" + entity.getRowKey() + "' has "
                    + properties.size() + " properties; Azure Table storage takes at most " + MAX_PROPERTIES);
        }
        long size = keysSize(entity);
        for (Map.Entry<String, Object> property : properties) {
            long valueSize = valueSize(property.getValue());
            if (valueSize > MAX_PROPERTY_BYTES + 4) { // Azure's 64 KiB is the value itself, without the length field
                throw new AppendTooLargeException(capitalized(what) + ": property '" + property.getKey() + "' of row '"
                        + entity.getRowKey() + "' is " + (valueSize - 4) + " bytes; Azure Table storage takes at most "
                        + MAX_PROPERTY_BYTES + " per property");
            }
            size += propertySize(property.getKey(), valueSize);
        }
        if (size > MAX_ENTITY_BYTES) {
            throw new AppendTooLargeException(capitalized(what) + ": row '" + entity.getRowKey() + "' is " + size
                    + " bytes by Azure's size formula; Azure Table storage takes at most " + MAX_ENTITY_BYTES
                    + " per entity");
        }
    }

    /**
     * Azure's documented size of an entity: 4 bytes, plus the keys in UTF-16, plus per property 8 bytes, its name in
     * UTF-16 and its value ({@link #propertySize}).
     */
    private static long keysSize(TableEntity entity) {
        return 4 + 2L * (entity.getPartitionKey().length() + entity.getRowKey().length());
    }

    private static long propertySize(String name, long valueSize) {
        return 8 + 2L * name.length() + valueSize;
    }

    /** The size of a property value by Azure's formula: strings in UTF-16 and binaries with a 4-byte length. */
    static long valueSize(Object value) {
        if (value instanceof String text) {
            return 4 + 2L * text.length();
        }
        if (value instanceof byte[] bytes) {
            return 4 + (long) bytes.length;
        }
        if (value instanceof Long || value instanceof Double || value instanceof OffsetDateTime) {
            return 8;
        }
        if (value instanceof Integer) {
            return 4;
        }
        if (value instanceof Boolean) {
            return 1;
        }
        if (value instanceof UUID) {
            return 16;
        }
        throw new IllegalArgumentException("No Azure Table size known for a " + value.getClass().getName());
    }

    /**
     * An upper bound of one operation's share of the {@code $batch} body: framing and headers, the URL (merges and
     * deletes address the row in it, percent-encoded) and the entity as JSON.
     */
    private static long estimatedOperationBytes(String tableUrl, TableTransactionAction action,
                                                List<Map.Entry<String, Object>> properties) {
        TableEntity entity = action.getEntity();
        long bytes = OPERATION_OVERHEAD_BYTES + tableUrl.length();
        if (action.getActionType() != TableTransactionActionType.CREATE) {
            bytes += 40 + 3L * (utf8Length(entity.getPartitionKey()) + utf8Length(entity.getRowKey()));
        }
        if (action.getActionType() != TableTransactionActionType.DELETE) {
            bytes += estimatedJsonBytes(entity, properties);
        }
        return bytes;
    }

    /** An upper bound of the entity's JSON: every property with an OData type annotation, every string escaped. */
    private static long estimatedJsonBytes(TableEntity entity, List<Map.Entry<String, Object>> properties) {
        long bytes = 2 + jsonMember("PartitionKey".length(), 2 + escapedLength(entity.getPartitionKey()))
                + jsonMember("RowKey".length(), 2 + escapedLength(entity.getRowKey()));
        for (Map.Entry<String, Object> property : properties) {
            long name = escapedLength(property.getKey());
            bytes += jsonMember(name, jsonValueLength(property.getValue()))
                    + jsonMember(name + ODATA_TYPE_SUFFIX.length(), 16);
        }
        return bytes;
    }

    /** A member {@code "name":value,} of the given escaped name and value lengths. */
    private static long jsonMember(long nameLength, long valueLength) {
        return 2 + nameLength + 1 + valueLength + 1;
    }

    private static long jsonValueLength(Object value) {
        if (value instanceof String text) {
            return 2 + escapedLength(text);
        }
        if (value instanceof byte[] bytes) {
            return 2 + 4L * ((bytes.length + 2) / 3);
        }
        // Int64 travels as a quoted string, a date-time as ISO-8601 with up to nine fraction digits.
        return 40;
    }

    /**
     * The JSON length of a string as the SDK writes it: UTF-8, with quotes and backslashes escaped, and control
     * characters (counting DEL and C1 too, to be safe) and each half of a surrogate pair written as a six-byte \\uXXXX escape (measured on the wire).
     */
    static long escapedLength(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                length += 2;
            } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate(c)) {
                length += 6;
            } else if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else {
                length += 3;
            }
        }
        return length;
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static List<Map.Entry<String, Object>> customProperties(TableEntity entity) {
        Map<String, Object> all = entity.getProperties();
        List<Map.Entry<String, Object>> custom = new ArrayList<>(all.size());
        for (Map.Entry<String, Object> property : all.entrySet()) {
            if (property.getValue() != null && !isSystemProperty(property.getKey())) {
                custom.add(property);
            }
        }
        return custom;
    }

    private static boolean isSystemProperty(String name) {
        return name.equals("PartitionKey") || name.equals("RowKey") || name.equals("Timestamp")
                || name.startsWith("odata.") || name.endsWith("@odata.type");
    }
}
