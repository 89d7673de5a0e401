package io.github.eventsourcing.azure.web;

/**
 * A controller parameter annotated with {@link StreamOf}, {@link ProjectionOf} or {@link ClassificationOf} cannot be
 * bound; thrown at start-up so that the application fails before it takes traffic. {@link #description()} names the
 * handler, the parameter and what is wrong; {@link #action()} says exactly what to change.
 */
public class InvalidStreamBindingException extends RuntimeException {

    private final String description;
    private final String action;

    public InvalidStreamBindingException(String description, String action) {
        super(description + " Action: " + action);
        this.description = description;
        this.action = action;
    }

    /** What is wrong, and where. */
    public String description() {
        return description;
    }

    /** What to change to fix it. */
    public String action() {
        return action;
    }
}
