package io.github.eventsourcing.azure.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventsourcing.azure.command.event.ParameterValueSet;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;

import java.util.LinkedHashMap;
import java.util.Map;

/** The parameter values of a command, as JSON, by name. */
@ProjectionName("Parameter Values")
public class CommandParameters {

    private final Map<String, JsonNode> values = new LinkedHashMap<>();

    @EventHandler
    public void on(ParameterValueSet set) {
        values.put(set.name(), set.value());
    }

    public Map<String, JsonNode> getValues() {
        return java.util.Collections.unmodifiableMap(values);
    }
}
