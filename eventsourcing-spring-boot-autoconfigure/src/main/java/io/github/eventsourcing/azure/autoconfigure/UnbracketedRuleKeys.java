package io.github.eventsourcing.azure.autoconfigure;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Finds stream rules whose {@code Domain.Entity} key was written without brackets. Spring Boot reads the dot of such a
 * key as one more level of nesting and silently binds nothing, so without this check the rule would just be missing.
 */
final class UnbracketedRuleKeys {

    private static final ConfigurationPropertyName STREAMS = ConfigurationPropertyName.of("eventsourcing.streams");
    // eventsourcing.streams.<key>.<backend|connection>
    private static final int ELEMENTS_OF_A_RULE_PROPERTY = 4;

    private UnbracketedRuleKeys() {
    }

    static void reject(Environment environment) {
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.filter(STREAMS::isAncestorOf).stream()
                        .filter(name -> name.getNumberOfElements() > ELEMENTS_OF_A_RULE_PROPERTY)
                        .findFirst()
                        .ifPresent(UnbracketedRuleKeys::fail);
            }
        }
    }

    private static void fail(ConfigurationPropertyName name) {
        int last = name.getNumberOfElements() - 1;
        StringBuilder key = new StringBuilder();
        for (int i = 2; i < last; i++) {
            key.append(i > 2 ? "." : "").append(name.getElement(i, Form.ORIGINAL));
        }
        String property = name.getElement(last, Form.ORIGINAL);
        throw new InvalidEventSourcingConfigurationException("The property eventsourcing.streams." + key + "." + property
                + " binds to no rule: its key " + key + " is not in brackets, so its dots are read as nesting.",
                "Write the rule key in brackets: eventsourcing.streams.[" + key + "]." + property
                        + " in .properties, or \"[" + key + "]\": (with the quotes) in YAML.");
    }
}
