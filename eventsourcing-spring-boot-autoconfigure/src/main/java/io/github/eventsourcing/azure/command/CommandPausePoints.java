package io.github.eventsourcing.azure.command;

/**
 * Told when the runner reaches a named point: {@code after-claim}, {@code after-start-of-<step>},
 * {@code before-completion-of-<step>} (the step's code, its effect included, is done; its completion is not recorded)
 * and {@code after-completion-of-<step>}. A hook for crash tests, which stop or kill the process there; a bean of this
 * type replaces the default, which does nothing. Production code has no use for it.
 */
@FunctionalInterface
public interface CommandPausePoints {

    void reached(String point, String commandId);
}
