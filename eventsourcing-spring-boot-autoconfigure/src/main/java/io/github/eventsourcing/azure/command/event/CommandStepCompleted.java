package io.github.eventsourcing.azure.command.event;

import io.github.eventsourcing.azure.stream.EventName;

import java.util.Map;

/** A step (or a compensation) finished, with the outputs it recorded. */
@EventName("Command Step Completed")
public record CommandStepCompleted(String step, Map<String, String> outputs) {

    public CommandStepCompleted {
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
    }
}
