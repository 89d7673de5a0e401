package io.github.eventsourcing.azure.table.internal;

import io.github.eventsourcing.azure.stream.InvalidStreamKeyException;
import io.github.eventsourcing.azure.stream.StreamId.StreamType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Table names")
class TableNamesTest {

    /** Azure: 3 to 63 letters and digits, starting with a letter. */
    private static final Pattern AZURE_TABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{2,62}");

    private final TableNames names = new TableNames(TableNames.DEFAULT_PREFIX);

    private static final List<StreamType> AWKWARD_TYPES = List.of(
            new StreamType("Bank", "Account"), new StreamType("bank", "account"), new StreamType("BANK", "ACCOUNT"),
            new StreamType("Bank", "account"), new StreamType("Bank-", "Account"), new StreamType("Bank", "-Account"),
            new StreamType("Ban", "kAccount"), new StreamType("BankA", "ccount"), new StreamType("Bank_", "Account"),
            new StreamType("Bank", "_Account"), new StreamType("_", "_"), new StreamType("-", "-"),
            new StreamType("_", "-"), new StreamType("1", "2"), new StreamType("12", "3"),
            new StreamType("D".repeat(63), "E".repeat(63)), new StreamType("D".repeat(63), "E".repeat(62) + "F"));

    @Test
    @DisplayName("every name is a valid Azure table name, even for the longest and oddest domain/entity names")
    void validNames() {
        for (StreamType type : AWKWARD_TYPES) {
            assertThat(names.nameOf(type)).as("table of %s", type).matches(AZURE_TABLE_NAME);
        }
    }

    @Test
    @DisplayName("different types get different tables, also when Azure's case-insensitive names would merge them")
    void injective() {
        Map<String, StreamType> seen = new HashMap<>();
        for (StreamType type : AWKWARD_TYPES) {
            String caseInsensitive = names.tableFor(type).toLowerCase();
            assertThat(seen.put(caseInsensitive, type)).as("table %s of %s", caseInsensitive, type).isNull();
        }
    }

    @Test
    @DisplayName("the name is stable and readable: prefix, domain and entity, then a hash of both")
    void stableAndReadable() {
        String name = names.tableFor(new StreamType("Bank", "Account"));
        assertThat(name).matches("esbankaccount[0-9a-f]{12}");
        assertThat(new TableNames("es").tableFor(new StreamType("Bank", "Account"))).isEqualTo(name);
        assertThat(new TableNames("MyApp1").tableFor(new StreamType("Bank", "Account"))).startsWith("myapp1bankaccount");
    }

    @Test
    @DisplayName("two types that end up with one name are refused with a clear message, not mixed in one table")
    void collisionRefused() {
        StreamType first = new StreamType("Bank", "Account");
        StreamType second = new StreamType("Shop", "Order");
        names.claim("escollision", first);
        assertThat(names.claim("escollision", first)).isEqualTo("escollision");
        assertThatThrownBy(() -> names.claim("escollision", second))
                .isInstanceOf(InvalidStreamKeyException.class)
                .hasMessageContaining("Bank.Account").hasMessageContaining("Shop.Order").hasMessageContaining("escollision");
    }

    @ParameterizedTest(name = "prefix ''{0}''")
    @ValueSource(strings = {"", "1es", "e-s", "e_s", "es!", "x123456789012345678901234567890123"})
    @DisplayName("a prefix that could not start a valid table name is refused")
    void invalidPrefixes(String prefix) {
        assertThatThrownBy(() -> new TableNames(prefix)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix");
    }
}
