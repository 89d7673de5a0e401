package io.github.eventsourcing.azure.table.internal;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The test policy that stands in for Azure's limits must itself be right: each request here is built by hand in the
 * shape the Table client sends, once within and once beyond a limit.
 */
@DisplayName("The test policy refuses what Azure Table storage would refuse")
class TableLimitsPolicyTest {

    private static final String TABLE_URL = "http://127.0.0.1:10002/devstoreaccount1/estest";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @DisplayName("an append-shaped transaction of 100 operations in one partition passes")
    void validTransaction() {
        List<String> operations = new ArrayList<>();
        for (int i = 0; i < 49; i++) {
            operations.add(insert(entity("p", "ID-" + i).put("Sequence@odata.type", "Edm.Int64").put("Sequence", "7")));
        }
        operations.add(merge("p", "E-0000000001", entity("p", "E-0000000001")));
        for (int i = 0; i < 49; i++) {
            operations.add(insert(entity("p", "E-00000000" + (10 + i)).put("Data@odata.type", "Edm.Binary")
                    .put("Data", base64(40_000)).put("Who", "é".repeat(1024))));
        }
        operations.add(merge("p", "!HEAD", entity("p", "!HEAD").put("Pending", true)));
        assertThat(operations).hasSize(100);
        assertThat(AzureTableLimitsPolicy.violationsOf(batch(operations))).isEmpty();
    }

    @Test
    @DisplayName("101 operations in one transaction are refused")
    void tooManyOperations() {
        List<String> operations = IntStream.range(0, 101).mapToObj(i -> insert(entity("p", "r" + i))).toList();
        assertThat(AzureTableLimitsPolicy.violationsOf(batch(operations)))
                .anySatisfy(v -> assertThat(v).contains("101 operations"));
    }

    @Test
    @DisplayName("a transaction over 4 MiB is refused")
    void transactionTooLarge() {
        List<String> operations = IntStream.range(0, 70).mapToObj(i -> insert(entity("p", "r" + i)
                .put("Data@odata.type", "Edm.Binary").put("Data", base64(60_000)))).toList();
        assertThat(AzureTableLimitsPolicy.violationsOf(batch(operations)))
                .anySatisfy(v -> assertThat(v).contains("bytes (at most 4194304)"));
    }

    @Test
    @DisplayName("a transaction spanning two partitions is refused, also when one is only in a URL")
    void twoPartitions() {
        assertThat(AzureTableLimitsPolicy.violationsOf(batch(List.of(insert(entity("p1", "a")),
                insert(entity("p2", "b")))))).anySatisfy(v -> assertThat(v).contains("2 partitions"));
        assertThat(AzureTableLimitsPolicy.violationsOf(batch(List.of(insert(entity("p1", "a")),
                delete("p2", "b"))))).anySatisfy(v -> assertThat(v).contains("2 partitions"));
    }

    @Test
    @DisplayName("an entity over 1 MiB by Azure's formula is refused, though its JSON is smaller")
    void entityTooLarge() {
        ObjectNode within = entity("p", "r");
        ObjectNode beyond = entity("p", "r");
        for (int i = 0; i < 16; i++) {
            // 32,000 ASCII characters: 32 KB of JSON, but 64,000 bytes in Azure's UTF-16 formula
            within.put("S" + i, "s".repeat(32_000));
            beyond.put("S" + i, "s".repeat(32_000));
        }
        beyond.put("S16", "s".repeat(32_000));
        assertThat(AzureTableLimitsPolicy.violationsOf(batch(List.of(insert(within))))).isEmpty();
        assertThat(AzureTableLimitsPolicy.violationsOf(batch(List.of(insert(beyond)))))
                .anySatisfy(v -> assertThat(v).contains("by Azure's formula"));
    }

    @Test
    @DisplayName("a property over 64 KiB is refused, binary or string")
    void propertyTooLarge() {
        assertThat(AzureTableLimitsPolicy.violationsOf(batch(List.of(insert(entity("p", "r")
                .put("Data@odata.type", "Edm.Binary").put("Data", base64(65_536))))))).isEmpty();
        assertThat(AzureTableLimitsPolicy.violationsOf(batch(List.of(insert(entity("p", "r")
                .put("Data@odata.type", "Edm.Binary").put("Data", base64(65_537)))))))
                .anySatisfy(v -> assertThat(v).contains("property 'Data'"));
        assertThat(AzureTableLimitsPolicy.violationsOf(batch(List.of(insert(entity("p", "r")
                .put("Text", "t".repeat(32_769)))))))
                .anySatisfy(v -> assertThat(v).contains("property 'Text'"));
    }

    @Test
    @DisplayName("more than 252 properties are refused")
    void tooManyProperties() {
        ObjectNode entity = entity("p", "r");
        IntStream.range(0, 253).forEach(i -> entity.put("P" + i, i));
        assertThat(AzureTableLimitsPolicy.violationsOf(batch(List.of(insert(entity)))))
                .anySatisfy(v -> assertThat(v).contains("253 properties"));
    }

    @Test
    @DisplayName("keys with / \\ # ? or control characters, or over 1 KiB, are refused in bodies and URLs alike")
    void invalidKeys() {
        for (String bad : List.of("a/b", "a\\b", "a#b", "a?b", "a\u0001b", "a\u007fb", "k".repeat(513))) {
            assertThat(AzureTableLimitsPolicy.violationsOf(batch(List.of(insert(entity(bad, "r"))))))
                    .as("partition key '%s' in a body", bad).isNotEmpty();
            assertThat(AzureTableLimitsPolicy.violationsOf(batch(List.of(insert(entity("p", bad))))))
                    .as("row key '%s' in a body", bad).isNotEmpty();
            assertThat(AzureTableLimitsPolicy.violationsOf(batch(List.of(delete(bad, "r")))))
                    .as("partition key '%s' in a URL", bad).isNotEmpty();
        }
        String fine = "a%2Fb 'q' \"東京😀\"" + "k".repeat(490);
        assertThat(AzureTableLimitsPolicy.violationsOf(batch(List.of(insert(entity(fine, "r")), delete(fine, "s")))))
                .isEmpty();
    }

    @Test
    @DisplayName("a single-entity write is checked like one in a transaction")
    void singleEntityWrite() {
        HttpRequest insert = new HttpRequest(HttpMethod.POST, TABLE_URL)
                .setBody(entity("p", "r").put("Data@odata.type", "Edm.Binary").put("Data", base64(70_000)).toString());
        assertThat(AzureTableLimitsPolicy.violationsOf(insert)).anySatisfy(v -> assertThat(v).contains("property 'Data'"));
    }

    @Test
    @DisplayName("a filter of more than 15 comparisons is refused; quoted text does not count")
    void filterComparisons() {
        String fifteen = "PartitionKey eq 'a eq b' and (" + IntStream.range(0, 14)
                .mapToObj(i -> "RowKey eq 'x le " + i + "'").collect(Collectors.joining(" or ")) + ")";
        assertThat(AzureTableLimitsPolicy.violationsOf(query(fifteen))).isEmpty();
        assertThat(AzureTableLimitsPolicy.violationsOf(query(fifteen + " or RowKey ge 'z'")))
                .anySatisfy(v -> assertThat(v).contains("16 comparisons"));
    }

    @Test
    @DisplayName("a refused request is not sent, fails loudly and is remembered")
    void refusesAndRemembers() {
        AzureTableLimitsPolicy policy = new AzureTableLimitsPolicy();
        HttpRequest tooMany = batch(IntStream.range(0, 101).mapToObj(i -> insert(entity("p", "r" + i))).toList());
        assertThatThrownBy(() -> policy.handle(tooMany, () -> {
            throw new AssertionError("must not be sent");
        })).isInstanceOf(AzureTableLimitsPolicy.AzureWouldRefuse.class).hasMessageContaining("101 operations");
        assertThat(policy.refused()).hasSize(1);
    }

    private static ObjectNode entity(String partitionKey, String rowKey) {
        return JSON.createObjectNode().put("PartitionKey", partitionKey).put("RowKey", rowKey);
    }

    private static String base64(int bytes) {
        return Base64.getEncoder().encodeToString(new byte[bytes]);
    }

    private static String insert(ObjectNode entity) {
        return operation("POST " + TABLE_URL, "Prefer: return-no-content", entity.toString());
    }

    private static String merge(String partitionKey, String rowKey, ObjectNode entity) {
        return operation("MERGE " + TABLE_URL + address(partitionKey, rowKey), "If-Match: *", entity.toString());
    }

    private static String delete(String partitionKey, String rowKey) {
        return operation("DELETE " + TABLE_URL + address(partitionKey, rowKey), "If-Match: *", "");
    }

    /** The entity address as the client writes it: quotes doubled, then percent-encoded (spaces as %20). */
    private static String address(String partitionKey, String rowKey) {
        return "(PartitionKey='" + encode(partitionKey) + "',RowKey='" + encode(rowKey) + "')";
    }

    private static String encode(String key) {
        return URLEncoder.encode(key.replace("'", "''"), StandardCharsets.UTF_8).replace("+", "%20")
                .replace("%27", "'");
    }

    private static String operation(String requestLine, String header, String body) {
        return "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" + requestLine
                + " HTTP/1.1\r\nContent-Type: application/json\r\n" + header + "\r\nDataServiceVersion: 3.0\r\n\r\n"
                + body + "\r\n";
    }

    private static HttpRequest batch(List<String> operations) {
        StringBuilder body = new StringBuilder("--batch_1\r\nContent-Type: multipart/mixed; boundary=changeset_1\r\n\r\n");
        for (String operation : operations) {
            body.append("--changeset_1\r\n").append(operation);
        }
        body.append("--changeset_1--\r\n\r\n--batch_1--\r\n");
        return new HttpRequest(HttpMethod.POST, "http://127.0.0.1:10002/devstoreaccount1/$batch")
                .setBody(body.toString());
    }

    private static HttpRequest query(String filter) {
        return new HttpRequest(HttpMethod.GET, TABLE_URL + "()?$filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
