package io.github.eventsourcing.azure.web.internal;

import io.github.eventsourcing.azure.stream.StreamId.StreamType;
import io.github.eventsourcing.azure.web.ClassificationOf;
import io.github.eventsourcing.azure.web.InvalidStreamBindingException;
import io.github.eventsourcing.azure.web.ProjectionOf;
import io.github.eventsourcing.azure.web.StreamOf;
import org.springframework.core.MethodParameter;
import org.springframework.core.env.Environment;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.UriTemplate;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Checks every {@link StreamOf}, {@link ProjectionOf} and {@link ClassificationOf} parameter of the application's
 * request mappings at start-up, so that a binding that can never work fails the start rather than a request: the
 * parameter type fits the annotation, every {@code ${...}} property is set, every {@code {name}} placeholder is a URI
 * template variable of the handler's mapping, and a stream rule covers every fixed domain/entity.
 */
public final class StreamBindingValidator {

    private final Environment environment;
    private final Predicate<StreamType> covered;
    private final Function<StreamType, List<String>> rulesTried;

    /**
     * @param covered    whether a stream rule covers a domain/entity
     * @param rulesTried the rule keys tried for a domain/entity, most specific first (for the message)
     */
    public StreamBindingValidator(Environment environment, Predicate<StreamType> covered,
                                  Function<StreamType, List<String>> rulesTried) {
        this.environment = environment;
        this.covered = covered;
        this.rulesTried = rulesTried;
    }

    /**
     * @throws InvalidStreamBindingException at the first binding that cannot work
     */
    public void validate(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
        handlerMethods.forEach((mapping, handler) -> {
            for (MethodParameter parameter : handler.getMethodParameters()) {
                StreamBinding.of(parameter, environment).ifPresent(binding -> validate(binding, mapping));
            }
        });
    }

    private void validate(StreamBinding binding, RequestMappingInfo mapping) {
        for (String pattern : mapping.getPatternValues()) {
            Set<String> variables = uriVariables(pattern);
            for (String name : binding.variableNames()) {
                if (!variables.contains(name)) {
                    throw new InvalidStreamBindingException(binding.where() + " is bound with " + binding.annotation()
                            + ", but {" + name + "} is not a URI template variable of its mapping " + pattern + ".",
                            variables.isEmpty()
                                    ? "Add {" + name + "} to the mapping's path, or write a fixed value instead."
                                    : "Use one of the mapping's URI variables (" + variables.stream()
                                    .map(variable -> "{" + variable + "}").collect(Collectors.joining(", "))
                                    + "), or add {" + name + "} to the mapping's path.");
                }
            }
        }
        binding.fixedType().filter(covered.negate()).ifPresent(type -> {
            throw new InvalidStreamBindingException(binding.where() + " is bound with " + binding.annotation()
                    + ", but no eventsourcing.streams rule covers " + type + " (tried "
                    + String.join(", ", rulesTried.apply(type)) + ").",
                    "Add a rule for " + type + ", e.g. eventsourcing.streams.[" + type + "].backend=table (with "
                            + "eventsourcing.streams.[" + type + "].connection naming a connection), or a fallback "
                            + "such as eventsourcing.streams.[ALL.ALL].backend.");
        });
    }

    private static Set<String> uriVariables(String pattern) {
        Set<String> names = new TreeSet<>();
        for (String name : new UriTemplate(pattern).getVariableNames()) {
            // A capture-all segment {*path} names the variable "path".
            names.add(name.startsWith("*") ? name.substring(1) : name);
        }
        return names;
    }
}
