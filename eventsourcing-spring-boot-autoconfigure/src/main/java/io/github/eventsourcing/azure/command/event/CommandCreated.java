package io.github.eventsourcing.azure.command.event;

import io.github.eventsourcing.azure.stream.EventName;

/** The first event of a command: what kind of command it is (its parameters follow as {@link ParameterValueSet}s). */
@EventName("Command Created")
public record CommandCreated(String commandType) {
}
