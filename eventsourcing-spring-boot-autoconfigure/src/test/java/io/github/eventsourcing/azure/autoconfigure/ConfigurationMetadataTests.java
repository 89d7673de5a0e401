package io.github.eventsourcing.azure.autoconfigure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The metadata IDEs read to complete and document {@code eventsourcing.*} in application.yml. */
@DisplayName("The configuration metadata")
class ConfigurationMetadataTests {

    /** The project's README, from this module's directory (where Maven runs the tests). */
    private static final Path README = Path.of("..", "README.md");

    private final JsonNode metadata = read();

    @Test
    @DisplayName("documents every property, all under eventsourcing.* (and the dead letters endpoint's own)")
    void documentsEveryProperty() {
        List<String> undocumented = new ArrayList<>();
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asText();
            // Besides, Spring Boot's own settings of the library's Actuator endpoint (access, cache), in Boot's
            // namespace for every endpoint.
            assertThat(name).matches("eventsourcing\\..*|management\\.endpoint\\.eventsourcingdeadletters\\..*");
            if (!property.hasNonNull("description") || property.get("description").asText().isBlank()) {
                undocumented.add(name);
            }
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    @DisplayName("has every property the README's configuration tables list")
    void listsTheDocumentedProperties() throws IOException {
        List<String> names = new ArrayList<>();
        metadata.get("properties").forEach(property -> names.add(property.get("name").asText()));

        List<String> documented = PropertyTables.namesIn(Files.readString(README));
        assertThat(documented).as("property names found in the README's tables")
                .contains("eventsourcing.connections", "eventsourcing.streams", "eventsourcing.limits.max-event-size",
                        "eventsourcing.notifications.event-grid.sas-token", "eventsourcing.notifications.webhook.path",
                        "eventsourcing.notifications.kinds.*");
        for (String name : documented) {
            if (name.endsWith(".*")) { // a row for each entry of a group, e.g. kinds.<kind>
                String group = name.substring(0, name.length() - 1);
                assertThat(names).as(name).anyMatch(property -> property.startsWith(group));
            } else {
                assertThat(names).as(name).contains(name);
            }
        }
    }

    /**
     * The property names in the first column of README's tables: full names ({@code eventsourcing.x.y}), names
     * relative to a table's {@code Property (`eventsourcing.notifications.` …)} header, and {@code .z} short for a
     * sibling of the name before it in the same cell. An entry of a map ({@code [Domain.Entity]}, or {@code <name>}
     * right after a map's name) stands for the map property; {@code group.<x>} at the end stands for
     * {@code group.*}, any property of the group.
     */
    static final class PropertyTables {

        private static final Pattern HEADER_PREFIX = Pattern.compile("^\\| Property \\(`(eventsourcing\\.[a-z.-]*)`");
        private static final Pattern CODE = Pattern.compile("`([^`]+)`");

        static List<String> namesIn(String markdown) {
            List<String> names = new ArrayList<>();
            String prefix = "";
            for (String line : markdown.split("\n")) {
                Matcher header = HEADER_PREFIX.matcher(line);
                if (header.find()) {
                    prefix = header.group(1);
                    continue;
                }
                if (!line.startsWith("| `")) {
                    if (!line.startsWith("|")) {
                        prefix = "";
                    }
                    continue;
                }
                String firstCell = line.substring(1, line.indexOf('|', 1));
                String previous = null;
                Matcher code = CODE.matcher(firstCell);
                while (code.find()) {
                    String token = code.group(1);
                    String name = token.startsWith(".") && previous != null
                            ? previous.substring(0, previous.lastIndexOf('.')) + token
                            : token.startsWith("eventsourcing.") ? token : prefix + token;
                    previous = name;
                    if (name.startsWith("eventsourcing.")) {
                        names.add(mapPropertyOf(name));
                    }
                }
            }
            return names.stream().distinct().toList();
        }

        private static String mapPropertyOf(String name) {
            for (String entry : List.of(".[", ".\"")) {
                int at = name.indexOf(entry);
                if (at > 0) {
                    return name.substring(0, at);
                }
            }
            int placeholder = name.indexOf(".<");
            if (placeholder < 0) {
                return name;
            }
            // <name> in the middle is a map key (connections.<name>.x); at the end, one property of a group.
            return name.indexOf('.', placeholder + 1) < 0 ? name.substring(0, placeholder) + ".*"
                    : name.substring(0, placeholder);
        }
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
