package io.github.eventsourcing.azure.command.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventsourcing.azure.stream.EventName;

/** The value a requested projection had, and the sequence of the other stream it was current as of. */
@EventName("Projection Value Returned")
public record ProjectionValueReturned(String requestId, long asOfSequence, JsonNode value) {
}
