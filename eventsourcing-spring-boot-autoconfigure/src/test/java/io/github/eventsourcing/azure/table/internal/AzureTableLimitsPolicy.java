package io.github.eventsourcing.azure.table.internal;

import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fails every request that Azure Table storage would refuse but Azurite accepts, so tests on the emulator catch what
 * would otherwise fail only in production: a transaction of more than 100 operations or 4 MiB, one spanning several
 * partitions, an entity over 1 MiB by Azure's size formula or with more than 252 properties, a property over 64 KiB,
 * keys over 1 KiB or holding {@code / \ # ?} or control characters, a filter of more than 15 comparisons and a page
 * of more than 1,000 rows. It reads the request as sent, including the multipart body of a {@code $batch}, and
 * remembers what it refused, so a test can also assert that nothing was refused along the way.
 */
final class AzureTableLimitsPolicy extends TestPolicy {

    static final int MAX_OPERATIONS = 100;
    static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;
    static final long MAX_ENTITY_BYTES = 1024 * 1024;
    static final long MAX_PROPERTY_BYTES = 64 * 1024;
    static final int MAX_PROPERTIES = 252;
    static final int MAX_KEY_BYTES = 1024;
    static final int MAX_COMPARISONS = 15;
    static final int MAX_PAGE_SIZE = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHANGESET = Pattern.compile("boundary=(changeset_[^\\s;]+)");
    private static final Pattern ENTITY_ADDRESS =
            Pattern.compile("\\(PartitionKey='((?:[^']|'')*)',RowKey='((?:[^']|'')*)'\\)$");
    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern COMPARISON = Pattern.compile("\\b(eq|ne|gt|ge|lt|le)\\b");

    private final List<String> refused = new CopyOnWriteArrayList<>();

    /** Everything refused so far. */
    List<String> refused() {
        return List.copyOf(refused);
    }

    @Override
    HttpResponse handle(HttpRequest request, Supplier<HttpResponse> send) {
        List<String> violations = violationsOf(request);
        if (!violations.isEmpty()) {
            refused.addAll(violations);
            throw new AzureWouldRefuse(request.getHttpMethod() + " " + request.getUrl().getPath() + ": " + violations);
        }
        return send.get();
    }

    /** Thrown instead of sending a request Azure would refuse. */
    static final class AzureWouldRefuse extends RuntimeException {
        AzureWouldRefuse(String message) {
            super("Azure Table storage would refuse " + message);
        }
    }

    /** What Azure would object to in this request; empty when nothing. */
    static List<String> violationsOf(HttpRequest request) {
        List<String> violations = new ArrayList<>();
        String method = request.getHttpMethod().name();
        String path = request.getUrl().getPath();
        if (isBatch(request)) {
            checkBatch(body(request), violations);
        } else if (method.equals("GET")) {
            checkQuery(request.getUrl().getQuery(), violations);
        } else if (!path.endsWith("/Tables") && !path.contains("/Tables(")) {
            checkOperation(method, request.getUrl().toString(), new String(body(request), StandardCharsets.UTF_8),
                    violations);
        }
        return violations;
    }

    private static byte[] body(HttpRequest request) {
        BinaryData body = request.getBodyAsBinaryData();
        return body == null ? new byte[0] : body.toBytes();
    }

    private static void checkBatch(byte[] body, List<String> violations) {
        if (body.length > MAX_BATCH_BYTES) {
            violations.add("a transaction of " + body.length + " bytes (at most " + MAX_BATCH_BYTES + ")");
        }
        String text = new String(body, StandardCharsets.UTF_8).replace("\r\n", "\n");
        Matcher boundary = CHANGESET.matcher(text);
        if (!boundary.find()) {
            violations.add("a $batch without a changeset");
            return;
        }
        String[] parts = text.split(Pattern.quote("--" + boundary.group(1)));
        List<String> operations = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].startsWith("--")) { // "--changeset_x--" closes the changeset
                operations.add(parts[i]);
            }
        }
        if (operations.size() > MAX_OPERATIONS) {
            violations.add("a transaction of " + operations.size() + " operations (at most " + MAX_OPERATIONS + ")");
        }
        Set<String> partitions = new HashSet<>();
        for (String operation : operations) {
            // part headers, blank line, request line and headers, blank line, JSON body
            String[] sections = operation.strip().split("\n\n", 3);
            if (sections.length < 2) {
                violations.add("an operation that cannot be parsed: " + abbreviate(operation));
                continue;
            }
            String[] requestLine = sections[1].split("\n")[0].split(" ");
            String json = sections.length == 3 ? sections[2].strip() : "";
            String partitionKey = checkOperation(requestLine[0], requestLine[1], json, violations);
            if (partitionKey != null) {
                partitions.add(partitionKey);
            }
        }
        if (partitions.size() > 1) {
            violations.add("a transaction over " + partitions.size() + " partitions " + partitions + " (at most one)");
        }
    }

    /** Checks one operation on an entity; returns its partition key when known. */
    private static String checkOperation(String method, String url, String json, List<String> violations) {
        String partitionKey = null;
        String rowKey = null;
        Matcher address = ENTITY_ADDRESS.matcher(url);
        if (address.find()) {
            partitionKey = keyInUrl(address.group(1));
            rowKey = keyInUrl(address.group(2));
        }
        if (!json.isEmpty()) {
            JsonNode entity;
            try {
                entity = JSON.readTree(json);
            } catch (Exception e) {
                violations.add(method + " with a body that is not JSON: " + abbreviate(json));
                return partitionKey;
            }
            if (entity.hasNonNull("PartitionKey")) {
                partitionKey = entity.get("PartitionKey").asText();
            }
            if (entity.hasNonNull("RowKey")) {
                rowKey = entity.get("RowKey").asText();
            }
            if (partitionKey != null && rowKey != null) {
                checkEntity(partitionKey, rowKey, entity, violations);
            }
        }
        if (partitionKey == null || rowKey == null) {
            violations.add(method + " " + abbreviate(url) + " without both keys");
            return partitionKey;
        }
        checkKey("PartitionKey", partitionKey, violations);
        checkKey("RowKey", rowKey, violations);
        return partitionKey;
    }

    private static void checkEntity(String partitionKey, String rowKey, JsonNode entity, List<String> violations) {
        long size = 4 + 2L * (partitionKey.length() + rowKey.length());
        int properties = 0;
        for (Iterator<Map.Entry<String, JsonNode>> fields = entity.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.equals("PartitionKey") || name.equals("RowKey") || name.equals("Timestamp")
                    || name.startsWith("odata.") || name.endsWith("@odata.type") || field.getValue().isNull()) {
                continue;
            }
            properties++;
            JsonNode type = entity.get(name + "@odata.type");
            long value = valueSize(type == null ? null : type.asText(), field.getValue());
            if (value - 4 > MAX_PROPERTY_BYTES) {
                violations.add("property '" + name + "' of row '" + rowKey + "' holds " + (value - 4)
                        + " bytes (at most " + MAX_PROPERTY_BYTES + ")");
            }
            size += 8 + 2L * name.length() + value;
        }
        if (properties > MAX_PROPERTIES) {
            violations.add("row '" + rowKey + "' has " + properties + " properties (at most " + MAX_PROPERTIES + ")");
        }
        if (size > MAX_ENTITY_BYTES) {
            violations.add("row '" + rowKey + "' is " + size + " bytes by Azure's formula (at most " + MAX_ENTITY_BYTES
                    + ")");
        }
    }

    /** A value's size by Azure's entity size formula: strings in UTF-16, binaries decoded, with 4-byte lengths. */
    private static long valueSize(String type, JsonNode value) {
        if (type == null) {
            if (value.isTextual()) {
                return 4 + 2L * value.asText().length();
            }
            if (value.isBoolean()) {
                return 1;
            }
            return value.isIntegralNumber() ? 4 : 8;
        }
        return switch (type) {
            case "Edm.Binary" -> 4 + (long) Base64.getDecoder().decode(value.asText()).length;
            case "Edm.String" -> 4 + 2L * value.asText().length();
            case "Edm.Int64", "Edm.Double", "Edm.DateTime" -> 8;
            case "Edm.Guid" -> 16;
            case "Edm.Int32" -> 4;
            case "Edm.Boolean" -> 1;
            default -> throw new IllegalArgumentException("Unknown type " + type);
        };
    }

    private static void checkKey(String name, String key, List<String> violations) {
        if (2L * key.length() > MAX_KEY_BYTES) {
            violations.add(name + " of " + key.length() + " UTF-16 units (at most " + MAX_KEY_BYTES / 2 + ")");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '/' || c == '\\' || c == '#' || c == '?' || c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                violations.add(name + " '" + abbreviate(key) + "' holds the forbidden character U+"
                        + String.format("%04X", (int) c));
                return;
            }
        }
    }

    private static void checkQuery(String query, List<String> violations) {
        if (query == null) {
            return;
        }
        for (String parameter : query.split("&")) {
            String[] pair = parameter.split("=", 2);
            String value = pair.length == 2 ? percentDecode(pair[1]) : "";
            if (pair[0].equals("$filter")) {
                Matcher comparisons = COMPARISON.matcher(STRING_LITERAL.matcher(value).replaceAll("''"));
                int count = 0;
                while (comparisons.find()) {
                    count++;
                }
                if (count > MAX_COMPARISONS) {
                    violations.add("a filter of " + count + " comparisons (at most " + MAX_COMPARISONS + ")");
                }
            } else if (pair[0].equals("$top") && Integer.parseInt(value) > MAX_PAGE_SIZE) {
                violations.add("a page of " + value + " rows (at most " + MAX_PAGE_SIZE + ")");
            }
        }
    }

    /** A key as the client writes it into a URL: percent-encoded, with single quotes doubled. */
    private static String keyInUrl(String encoded) {
        return percentDecode(encoded).replace("''", "'");
    }

    /** Percent-decoding without URLDecoder's form rule that turns '+' into a space. */
    private static String percentDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c); // a URL's other characters are ASCII
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
