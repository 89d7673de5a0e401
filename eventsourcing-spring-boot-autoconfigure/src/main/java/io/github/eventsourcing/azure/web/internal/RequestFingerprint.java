package io.github.eventsourcing.azure.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.TreeMap;

/**
 * A digest of a request as parsed: its JSON tree with object fields in name order and numbers by value (so
 * {@code 5} and {@code 5.0} agree), so that field order and formatting do not make a retry look like another request,
 * while any change of a value, commentary included, does.
 */
final class RequestFingerprint {

    private final ObjectMapper mapper;

    /** @param mapper the storage mapper: its settings are fixed, so a stored fingerprint stays comparable */
    RequestFingerprint(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String of(Object request) {
        try {
            byte[] json = mapper.writeValueAsBytes(canonical(mapper.valueToTree(request)));
            return "sha256:" + IdempotencyScope.digest(json);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The request cannot be written as JSON for its idempotency "
                    + "fingerprint: " + e.getMessage(), e);
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(field -> sorted.put(field.getKey(), canonical(field.getValue())));
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            sorted.forEach(object::set);
            return object;
        }
        if (node.isArray()) {
            var array = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(element -> array.add(canonical(element)));
            return array;
        }
        if (node.isNumber()) {
            return JsonNodeFactory.instance.numberNode(node.decimalValue().stripTrailingZeros());
        }
        return node;
    }
}
