package io.github.eventsourcing.azure.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One attribute of a binding annotation, after its {@code ${...}} placeholders were resolved from the environment:
 * literal text with {@code {name}} placeholders that each request fills from its URI template variables.
 */
final class BindingTemplate {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^{}]+)}");

    private final String template;
    private final List<String> variableNames;

    private BindingTemplate(String template, List<String> variableNames) {
        this.template = template;
        this.variableNames = List.copyOf(variableNames);
    }

    /**
     * @throws IllegalArgumentException when a brace is not part of a {@code {name}} placeholder
     */
    static BindingTemplate parse(String template) {
        List<String> names = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1).trim());
        }
        String outsidePlaceholders = VARIABLE.matcher(template).replaceAll("");
        if (outsidePlaceholders.indexOf('{') >= 0 || outsidePlaceholders.indexOf('}') >= 0) {
            throw new IllegalArgumentException("\"" + template + "\" has a brace that opens or closes no {name} "
                    + "placeholder");
        }
        return new BindingTemplate(template, names);
    }

    /** The names of the URI template variables this template needs, in order of appearance. */
    List<String> variableNames() {
        return variableNames;
    }

    /** True when the template is the same for every request. */
    boolean isFixed() {
        return variableNames.isEmpty();
    }

    /** The value for a request: each placeholder replaced by its URI template variable. */
    String expand(Map<String, String> uriVariables) {
        if (isFixed()) {
            return template;
        }
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder value = new StringBuilder();
        while (matcher.find()) {
            String replacement = uriVariables.get(matcher.group(1).trim());
            if (replacement == null) {
                throw new IllegalStateException("The request has no URI template variable '" + matcher.group(1) + "'");
            }
            matcher.appendReplacement(value, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(value);
        return value.toString();
    }

    @Override
    public String toString() {
        return template;
    }
}
