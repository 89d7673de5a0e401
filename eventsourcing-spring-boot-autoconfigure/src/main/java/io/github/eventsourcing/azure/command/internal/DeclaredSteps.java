package io.github.eventsourcing.azure.command.internal;

import io.github.eventsourcing.azure.command.CommandHandler;
import io.github.eventsourcing.azure.command.CommandSteps;
import io.github.eventsourcing.azure.command.FanOutInstances;
import io.github.eventsourcing.azure.command.InstanceStep;
import io.github.eventsourcing.azure.command.Step;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.Optional;
import java.util.Set;

/** The steps a handler declared, checked once: names valid and unique (compensations included). */
final class DeclaredSteps<P> implements CommandSteps<P> {

    private final List<StepDefinition<P>> steps = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    static <P> DeclaredSteps<P> of(CommandHandler<P> handler) {
        DeclaredSteps<P> declared = new DeclaredSteps<>();
        handler.declareSteps(declared);
        if (declared.steps.isEmpty()) {
            throw new IllegalArgumentException("The command handler for " + handler.type() + " declares no steps");
        }
        return declared;
    }

    @Override
    public Declared<P> step(String name, Step<P> action) {
        Objects.requireNonNull(action, "action");
        claimName(name);
        int index = steps.size();
        steps.add(new StepDefinition<>(name, action, null, null));
        return (compensationName, compensation) -> {
            Objects.requireNonNull(compensation, "compensation");
            claimName(compensationName);
            StepDefinition<P> step = steps.get(index);
            steps.set(index, new StepDefinition<>(step.name(), step.action(), compensationName, compensation));
        };
    }

    @Override
    public Declared<P> forEachInstance(String name, FanOutInstances instances, InstanceStep<P> action) {
        Objects.requireNonNull(instances, "instances");
        return forEachInstance(name, parameters -> instances, action);
    }

    @Override
    public Declared<P> forEachInstance(String name, Function<P, FanOutInstances> instances, InstanceStep<P> action) {
        Objects.requireNonNull(instances, "instances");
        Objects.requireNonNull(action, "action");
        return step(name, new FanOutStep<>(name, instances, action));
    }

    private void claimName(String name) {
        if (name == null || name.isEmpty() || name.length() > 32 || !name.chars().allMatch(c -> (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
            throw new IllegalArgumentException("A step's name must be 1 to 32 letters, digits, '-' and '_', not '"
                    + name + "'");
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("Two steps (or compensations) are named '" + name + "'");
        }
    }

    List<StepDefinition<P>> steps() {
        return List.copyOf(steps);
    }

    /** The first step not in {@code completed}, in declared order. */
    Optional<StepDefinition<P>> next(Set<String> completed) {
        return steps.stream().filter(step -> !completed.contains(step.name())).findFirst();
    }

    record StepDefinition<P>(String name, Step<P> action, String compensationName, Step<P> compensation) {
    }
}
