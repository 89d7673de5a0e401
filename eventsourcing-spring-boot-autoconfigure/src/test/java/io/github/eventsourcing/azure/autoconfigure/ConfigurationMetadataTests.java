package io.github.eventsourcing.azure.autoconfigure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The metadata IDEs read to complete and document {@code eventsourcing.*} in application.yml. */
@DisplayName("The configuration metadata")
class ConfigurationMetadataTests {

    private final JsonNode metadata = read();

    @Test
    @DisplayName("documents every property, all under eventsourcing.*")
    void documentsEveryProperty() {
        List<String> undocumented = new ArrayList<>();
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asText();
            assertThat(name).startsWith("eventsourcing.");
            if (!property.hasNonNull("description") || property.get("description").asText().isBlank()) {
                undocumented.add(name);
            }
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    @DisplayName("lists the configuration the README describes")
    void listsTheDocumentedProperties() {
        List<String> names = new ArrayList<>();
        metadata.get("properties").forEach(property -> names.add(property.get("name").asText()));

        assertThat(names).contains("eventsourcing.connections", "eventsourcing.streams",
                "eventsourcing.limits.max-events-per-append", "eventsourcing.limits.max-event-size",
                "eventsourcing.limits.max-append-size", "eventsourcing.event-type-packages",
                "eventsourcing.web.problem-details.enabled", "eventsourcing.table.table-name-prefix",
                "eventsourcing.append-blob.container-prefix");
    }

    @Test
    @DisplayName("suggests the fallback rule keys")
    void hintsRuleKeys() {
        List<String> keys = new ArrayList<>();
        for (JsonNode hint : metadata.get("hints")) {
            if (hint.get("name").asText().equals("eventsourcing.streams.keys")) {
                hint.get("values").forEach(value -> keys.add(value.get("value").asText()));
            }
        }
        assertThat(keys).contains("ALL.ALL", "Domain.ALL", "ALL.Entity", "Domain.Entity");
    }

    private static JsonNode read() {
        try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("The configuration processor wrote no metadata", e);
        }
    }
}
