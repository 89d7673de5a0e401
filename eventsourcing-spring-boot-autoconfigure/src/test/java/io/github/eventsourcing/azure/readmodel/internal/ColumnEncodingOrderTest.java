package io.github.eventsourcing.azure.readmodel.internal;

import com.azure.data.tables.TableServiceClientBuilder;
import io.github.eventsourcing.azure.memory.internal.InMemoryReadModelStore;
import io.github.eventsourcing.azure.readmodel.ReadModel.ColumnType;
import io.github.eventsourcing.azure.spi.ReadModelStore;
import io.github.eventsourcing.azure.spi.ReadModelStore.Entry;
import io.github.eventsourcing.azure.table.internal.TableReadModelStore;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The order-preserving encodings of column values, checked against the order the stores really keep keys in: many
 * random values of each type are stored as index keys, read back as one key range, and must come back in the order
 * of the values themselves.
 */
@DisplayName("Column encodings keep the values' order in storage")
class ColumnEncodingOrderTest {

    private static final int VALUES = 600;

    enum Store {
        IN_MEMORY, AZURITE_TABLE;

        ReadModelStore open() {
            return this == IN_MEMORY ? new InMemoryReadModelStore()
                    : new TableReadModelStore(new TableServiceClientBuilder()
                            .connectionString(Azurite.get().connectionString()).buildClient(),
                            "enc" + UUID.randomUUID().toString().replace("-", "").substring(0, 8));
        }
    }

    private static final Random RANDOM = new Random(1919);

    private static BigDecimal randomDecimal() {
        return switch (RANDOM.nextInt(6)) {
            case 0 -> BigDecimal.ZERO.setScale(RANDOM.nextInt(4));
            case 1 -> BigDecimal.valueOf(RANDOM.nextInt(21) - 10, RANDOM.nextInt(3)); // many equal magnitudes
            default -> new BigDecimal(new BigInteger(RANDOM.nextInt(60) + 1, RANDOM), RANDOM.nextInt(30) - 10)
                    .multiply(RANDOM.nextBoolean() ? BigDecimal.ONE : BigDecimal.ONE.negate());
        };
    }

    private static long randomLong() {
        return switch (RANDOM.nextInt(5)) {
            case 0 -> Long.MIN_VALUE + RANDOM.nextInt(3);
            case 1 -> Long.MAX_VALUE - RANDOM.nextInt(3);
            case 2 -> RANDOM.nextInt(201) - 100;
            default -> RANDOM.nextLong();
        };
    }

    private static Instant randomInstant() {
        return Instant.ofEpochSecond(RANDOM.nextLong(-100_000_000_000L, 100_000_000_000L), RANDOM.nextInt(1_000_000_000));
    }

    /** Letters, digits, punctuation Azure forbids in keys, accents and characters beyond the BMP. */
    private static String randomString() {
        int[] pool = {'a', 'b', 'z', 'A', '0', '9', ' ', '-', '/', '#', '?', '%', 'é', 'ß', 0x4E2D, 0xFF21, 0x1F600,
                0x10348};
        StringBuilder text = new StringBuilder();
        for (int i = RANDOM.nextInt(6); i > 0; i--) {
            text.appendCodePoint(pool[RANDOM.nextInt(pool.length)]);
        }
        return text.toString();
    }

    /** Strings in code point order (Java's compareTo is UTF-16 order, which differs beyond the BMP). */
    private static final Comparator<String> CODE_POINTS = (a, b) -> {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return Integer.compare(x.length, y.length);
    };

    @ParameterizedTest
    @EnumSource(Store.class)
    @DisplayName("decimals (negative, zero, huge and tiny), longs, instants, strings and booleans come back in order")
    void everyTypeInOrder(Store kind) {
        ReadModelStore store = kind.open();
        assertOrdered(store, ColumnType.DECIMAL, ColumnEncodingOrderTest::randomDecimal, BigDecimal::compareTo);
        assertOrdered(store, ColumnType.LONG, ColumnEncodingOrderTest::randomLong, Long::compare);
        assertOrdered(store, ColumnType.INSTANT, ColumnEncodingOrderTest::randomInstant, Instant::compareTo);
        assertOrdered(store, ColumnType.STRING, ColumnEncodingOrderTest::randomString, CODE_POINTS);
        assertOrdered(store, ColumnType.BOOLEAN, RANDOM::nextBoolean, Boolean::compare);
    }

    @SuppressWarnings("unchecked")
    private static <T> void assertOrdered(ReadModelStore store, ColumnType type, java.util.function.Supplier<T> values,
                                          Comparator<? super T> order) {
        String partition = "order-" + type.name().toLowerCase();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < VALUES; i++) {
            T value = values.get();
            entries.add(new Entry("i-x-" + ColumnValues.encode(type, value) + "-" + i, "k" + i, i,
                    Map.of("x", ColumnValues.text(type, value)), null));
        }
        for (int from = 0; from < entries.size(); from += 99) {
            List<Entry> batch = entries.subList(from, Math.min(entries.size(), from + 99));
            assertThat(store.write(partition, batch.get(0).key(), null, batch, List.of())).isTrue();
        }
        List<Object> stored = new ArrayList<>();
        String after = "i-x-";
        boolean exclusive = false;
        while (true) {
            List<Entry> page = store.range(partition, after, exclusive, "i-x.", 250);
            page.forEach(entry -> stored.add(ColumnValues.parse(type, entry.values().get("x"))));
            if (page.size() < 250) {
                break;
            }
            after = page.get(page.size() - 1).key();
            exclusive = true;
        }
        assertThat(stored).hasSize(VALUES);
        assertThat((List<T>) (List<?>) stored).as("%s values in storage order", type)
                .isSortedAccordingTo(order);
    }

    @Test
    @DisplayName("a decimal's encoding ignores trailing zeros and orders -0.55 below -0.5 below 0 below 0.5 below 0.55")
    void decimalsAroundZero() {
        Function<String, String> encode = text -> ColumnValues.encode(ColumnType.DECIMAL, new BigDecimal(text));
        assertThat(encode.apply("10.50")).isEqualTo(encode.apply("10.5"));
        assertThat(List.of("-100", "-0.55", "-0.5", "0", "0.5", "0.55", "100").stream().map(encode).toList())
                .isSorted();
        assertThatThrownBy(() -> ColumnValues.coerce("balance", ColumnType.DECIMAL, "12"))
                .hasMessageContaining("Column balance holds DECIMAL values, not String 12");
    }
}
