package io.github.eventsourcing.azure.storedformat;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Table storage as a fixture: {@code entities.jsonl}, one line per entity in table, partition and row key order,
 * with every property and its EDM type: {@code {"table":..,"PartitionKey":..,"RowKey":..,"properties":{"Version":
 * {"type":"Edm.Int64","value":"3"},..}}}. Int64 values are strings, as in the OData wire format. The service's own
 * {@code Timestamp} and ETag are left out: a restore cannot set them, and the library never reads them.
 */
final class TableFixture {

    static final String FILE = "entities.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TableFixture() {
    }

    static void dump(TableServiceClient service, String tablePrefix, Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        List<String> tables = service.listTables().stream().map(TableItem::getName)
                .filter(name -> name.startsWith(tablePrefix)).sorted().toList();
        for (String table : tables) {
            List<TableEntity> entities = new ArrayList<>();
            service.getTableClient(table).listEntities().forEach(entities::add);
            entities.sort(Comparator.comparing(TableEntity::getPartitionKey).thenComparing(TableEntity::getRowKey));
            for (TableEntity entity : entities) {
                lines.add(JSON.writeValueAsString(toJson(table, entity)));
            }
        }
        Files.write(dir.resolve(FILE), lines);
    }

    /** Creates the tables and inserts every entity of the fixture, with the same keys, properties and types. */
    static void restore(TableServiceClient service, Path dir) throws IOException {
        Map<String, TableClient> tables = new TreeMap<>();
        for (String line : Files.readAllLines(dir.resolve(FILE))) {
            JsonNode json = JSON.readTree(line);
            TableClient table = tables.computeIfAbsent(json.get("table").asText(), service::createTableIfNotExists);
            table.createEntity(fromJson(json));
        }
    }

    private static ObjectNode toJson(String table, TableEntity entity) {
        ObjectNode json = JSON.createObjectNode();
        json.put("table", table);
        json.put("PartitionKey", entity.getPartitionKey());
        json.put("RowKey", entity.getRowKey());
        ObjectNode properties = json.putObject("properties");
        new TreeMap<>(entity.getProperties()).forEach((name, value) -> {
            if (!isServiceProperty(name)) {
                ObjectNode typed = properties.putObject(name);
                typed.put("type", edmTypeOf(name, value));
                typed.put("value", value instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes)
                        : String.valueOf(value));
            }
        });
        return json;
    }

    private static TableEntity fromJson(JsonNode json) {
        TableEntity entity = new TableEntity(json.get("PartitionKey").asText(), json.get("RowKey").asText());
        for (Iterator<Map.Entry<String, JsonNode>> it = json.get("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String value = property.getValue().get("value").asText();
            entity.addProperty(property.getKey(), switch (property.getValue().get("type").asText()) {
                case "Edm.String" -> value;
                case "Edm.Int64" -> Long.parseLong(value);
                case "Edm.Int32" -> Integer.parseInt(value);
                case "Edm.Boolean" -> Boolean.parseBoolean(value);
                case "Edm.Double" -> Double.parseDouble(value);
                case "Edm.DateTime" -> OffsetDateTime.parse(value);
                case "Edm.Guid" -> UUID.fromString(value);
                case "Edm.Binary" -> Base64.getDecoder().decode(value);
                default -> throw new IllegalArgumentException("Unknown EDM type in fixture: " + property.getValue());
            });
        }
        return entity;
    }

    private static boolean isServiceProperty(String name) {
        return name.equals("PartitionKey") || name.equals("RowKey") || name.equals("Timestamp")
                || name.startsWith("odata.") || name.contains("@odata.");
    }

    private static String edmTypeOf(String name, Object value) {
        if (value instanceof String) {
            return "Edm.String";
        } else if (value instanceof Long) {
            return "Edm.Int64";
        } else if (value instanceof Integer) {
            return "Edm.Int32";
        } else if (value instanceof Boolean) {
            return "Edm.Boolean";
        } else if (value instanceof Double) {
            return "Edm.Double";
        } else if (value instanceof OffsetDateTime) {
            return "Edm.DateTime";
        } else if (value instanceof UUID) {
            return "Edm.Guid";
        } else if (value instanceof byte[]) {
            return "Edm.Binary";
        }
        throw new IllegalArgumentException("Property " + name + " has a type the fixture cannot keep: " + value.getClass());
    }
}
