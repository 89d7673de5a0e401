package io.github.eventsourcing.azure.autoconfigure;

/**
 * The {@code eventsourcing.*} configuration cannot work; thrown at start-up, so the application fails before it takes
 * traffic. Its {@link #description()} says what is wrong and its {@link #action()} exactly what to change: the
 * failure analyzer prints both. Neither ever contains a secret (connection strings are named, never shown).
 */
public class InvalidEventSourcingConfigurationException extends RuntimeException {

    private final String description;
    private final String action;

    public InvalidEventSourcingConfigurationException(String description, String action) {
        super(description + " Action: " + action);
        this.description = description;
        this.action = action;
    }

    /**
     * A property value that a backend refused (its constructor threw {@link IllegalArgumentException}); the backend's
     * own reason goes into the description.
     */
    static InvalidEventSourcingConfigurationException refusedValue(String property, String value,
                                                                    IllegalArgumentException reason, String action) {
        String why = reason.getMessage() == null ? "refused" : reason.getMessage();
        if (why.endsWith(".")) {
            why = why.substring(0, why.length() - 1);
        }
        return new InvalidEventSourcingConfigurationException(property + " is '" + value + "': " + why + ".", action);
    }

    /** What is wrong. */
    public String description() {
        return description;
    }

    /** What to change to fix it. */
    public String action() {
        return action;
    }
}
