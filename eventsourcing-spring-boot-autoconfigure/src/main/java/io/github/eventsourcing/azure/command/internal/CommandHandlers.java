package io.github.eventsourcing.azure.command.internal;

import io.github.eventsourcing.azure.command.CommandHandler;
import io.github.eventsourcing.azure.command.CommandType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The handler beans by command type, each with its declared steps. */
public final class CommandHandlers {

    private final Map<CommandType, Registered<?>> byType = new LinkedHashMap<>();

    public CommandHandlers(Collection<? extends CommandHandler<?>> handlers) {
        handlers.forEach(this::add);
    }

    private <P> void add(CommandHandler<P> handler) {
        Registered<P> registered = new Registered<>(handler, DeclaredSteps.of(handler));
        Registered<?> previous = byType.putIfAbsent(handler.type(), registered);
        if (previous != null) {
            throw new IllegalArgumentException("Two command handlers handle " + handler.type() + ": "
                    + previous.handler().getClass().getName() + " and " + handler.getClass().getName());
        }
    }

    public List<CommandType> types() {
        return new ArrayList<>(byType.keySet());
    }

    Optional<Registered<?>> find(CommandType type) {
        return Optional.ofNullable(byType.get(type));
    }

    Registered<?> get(CommandType type) {
        return find(type).orElseThrow(() -> new IllegalArgumentException("No CommandHandler bean handles " + type
                + "; the handled types are " + byType.keySet()));
    }

    record Registered<P>(CommandHandler<P> handler, DeclaredSteps<P> steps) {
    }
}
