package io.github.eventsourcing.azure.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds {@code ${...}} placeholders that nothing resolved. Spring binds such a value as it is written, so without this
 * check a connection string {@code ${STORAGE_CONNECTION_STRING}} whose variable is not set reaches the storage SDK,
 * which only says that the connection string is invalid.
 */
final class UnresolvedPlaceholders {

    /** {@code ${NAME}} or {@code ${NAME:default}}; the default of a resolved one never remains. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::[^}]*)?}");

    private UnresolvedPlaceholders() {
    }

    /**
     * Fails the start when the value of the property still holds a placeholder. The message names the placeholders,
     * never the rest of the value, which may be a secret.
     *
     * @param alternative what else the user can do, ending with a full stop; empty when nothing
     */
    static void requireResolved(String property, String value, String alternative) {
        List<String> names = namesIn(value);
        if (names.isEmpty()) {
            return;
        }
        String listed = String.join(", ", names);
        throw new InvalidEventSourcingConfigurationException(property + " holds the placeholder "
                + names.stream().map(name -> "${" + name + "}").collect(Collectors.joining(", "))
                + ", which nothing resolves: no property or environment variable " + listed + " is set.",
                "Set the environment variable " + listed + " (or a property of that name, e.g. --" + names.get(0)
                        + "=...) before the application starts, or set " + property + " to the value itself."
                        + (alternative.isEmpty() ? "" : " " + alternative));
    }

    static List<String> namesIn(String value) {
        List<String> names = new ArrayList<>();
        if (value != null) {
            Matcher placeholder = PLACEHOLDER.matcher(value);
            while (placeholder.find()) {
                names.add(placeholder.group(1).strip());
            }
        }
        return names;
    }
}
