package io.github.eventsourcing.azure.command.internal;

/**
 * Told when the runner reaches a named point: {@code after-claim}, {@code after-start-of-<step>},
 * {@code before-completion-of-<step>} (the step's code, its effect included, is done; its completion is not recorded)
 * and {@code after-completion-of-<step>}. For crash tests, which stop or kill the process there; a bean of this type
 * replaces the default, which does nothing. Not API.
 */
@FunctionalInterface
public interface CommandPausePoints {

    void reached(String point, String commandId);
}
