package io.github.eventsourcing.azure.command.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventsourcing.azure.stream.EventName;

/** One parameter of the command, as JSON. */
@EventName("Parameter Value Set")
public record ParameterValueSet(String name, JsonNode value) {
}
