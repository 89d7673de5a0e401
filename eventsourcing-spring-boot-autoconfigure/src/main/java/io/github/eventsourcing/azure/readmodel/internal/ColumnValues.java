package io.github.eventsourcing.azure.readmodel.internal;

import io.github.eventsourcing.azure.readmodel.ReadModel.ColumnType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The forms a column value takes: the Java value, its stored text, and its <b>order-preserving encoding</b>, a string
 * whose ordinal order is the values' order, so that a range of values is a range of storage keys.
 *
 * <p>Encodings use only {@code 0-9 a-f ~} (never {@code -}, the separator that follows them in a key, nor anything
 * Azure forbids in keys), and none is a prefix of another followed by a greater char than the separator:
 * <ul>
 *   <li>{@code LONG}: the value with its sign bit flipped, as 16 hex digits;</li>
 *   <li>{@code INSTANT}: its epoch second as a {@code LONG}, then its nanoseconds as 8 hex digits;</li>
 *   <li>{@code BOOLEAN}: {@code 0} or {@code 1};</li>
 *   <li>{@code STRING}: its UTF-8 bytes in hex (UTF-8 byte order is code point order); a shorter string sorts first
 *       because the separator {@code -} sorts below every hex digit;</li>
 *   <li>{@code DECIMAL}: zero is {@code 1}. Any other value is {@code ±0.d1d2...dn × 10^e} with {@code d1 > 0} and no
 *       trailing zeros: a positive one is {@code 2}, then {@code e} offset to 10 digits, then its digits (fewer
 *       digits first, as for strings); a negative one is {@code 0}, then the offset exponent subtracted from
 *       9,999,999,999 (a larger magnitude sorts first), then every digit subtracted from 9, then {@code ~}, which
 *       sorts above every digit, so that {@code -0.5} ({@code 4~}) sorts above {@code -0.55} ({@code 44~}).</li>
 * </ul>
 */
final class ColumnValues {

    private static final long EXPONENT_OFFSET = 5_000_000_000L;
    private static final long EXPONENT_MAX = 9_999_999_999L;
    private static final HexFormat HEX = HexFormat.of();

    private ColumnValues() {
    }

    /** The value as the column's Java type; throws when it cannot be one (names the column). */
    static Object coerce(String column, ColumnType type, Object value) {
        Object coerced = switch (type) {
            case DECIMAL -> value instanceof BigDecimal decimal ? decimal
                    : value instanceof BigInteger integer ? new BigDecimal(integer)
                    : value instanceof Long || value instanceof Integer || value instanceof Short
                    || value instanceof Byte ? BigDecimal.valueOf(((Number) value).longValue())
                    : value instanceof Double || value instanceof Float ? new BigDecimal(value.toString()) : null;
            case LONG -> value instanceof Long || value instanceof Integer || value instanceof Short
                    || value instanceof Byte ? ((Number) value).longValue() : null;
            case STRING -> value instanceof String ? value : null;
            case BOOLEAN -> value instanceof Boolean ? value : null;
            case INSTANT -> value instanceof Instant ? value : null;
        };
        if (coerced == null) {
            throw new IllegalArgumentException("Column " + column + " holds " + type + " values, not "
                    + value.getClass().getSimpleName() + " " + value);
        }
        return coerced;
    }

    /** The text a value is stored as. */
    static String text(ColumnType type, Object value) {
        return value.toString();
    }

    /** The value of its stored text. */
    static Object parse(ColumnType type, String text) {
        return switch (type) {
            case DECIMAL -> new BigDecimal(text);
            case LONG -> Long.parseLong(text);
            case STRING -> text;
            case BOOLEAN -> Boolean.parseBoolean(text);
            case INSTANT -> Instant.parse(text);
        };
    }

    /** The order-preserving encoding of a (coerced) value. */
    static String encode(ColumnType type, Object value) {
        return switch (type) {
            case DECIMAL -> decimal((BigDecimal) value);
            case LONG -> longValue((Long) value);
            case STRING -> HEX.formatHex(((String) value).getBytes(StandardCharsets.UTF_8));
            case BOOLEAN -> (Boolean) value ? "1" : "0";
            case INSTANT -> longValue(((Instant) value).getEpochSecond())
                    + String.format("%08x", ((Instant) value).getNano());
        };
    }

    private static String longValue(long value) {
        return String.format("%016x", value ^ Long.MIN_VALUE);
    }

    private static String decimal(BigDecimal value) {
        if (value.signum() == 0) {
            return "1";
        }
        BigDecimal normalized = value.stripTrailingZeros();
        String digits = normalized.unscaledValue().abs().toString();
        long exponent = digits.length() - (long) normalized.scale() + EXPONENT_OFFSET;
        if (exponent < 0 || exponent > EXPONENT_MAX) {
            throw new IllegalArgumentException("The decimal " + value + " is beyond the range read models index");
        }
        if (value.signum() > 0) {
            return "2" + String.format("%010d", exponent) + digits;
        }
        StringBuilder inverted = new StringBuilder(digits.length() + 12).append('0')
                .append(String.format("%010d", EXPONENT_MAX - exponent));
        for (int i = 0; i < digits.length(); i++) {
            inverted.append((char) ('9' - digits.charAt(i) + '0'));
        }
        return inverted.append('~').toString();
    }
}
