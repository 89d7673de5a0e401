package io.github.eventsourcing.azure.web.internal;

import io.github.eventsourcing.azure.command.CommandInstance;
import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.projection.ClassificationResult;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.InvalidStreamKeyException;
import io.github.eventsourcing.azure.stream.StreamId.StreamType;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.web.ClassificationOf;
import io.github.eventsourcing.azure.query.QueryInstance;
import io.github.eventsourcing.azure.web.CommandOf;
import io.github.eventsourcing.azure.web.QueryOf;
import io.github.eventsourcing.azure.web.InvalidStreamBindingException;
import io.github.eventsourcing.azure.web.ProjectionOf;
import io.github.eventsourcing.azure.web.StreamOf;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

import java.lang.annotation.Annotation;
import java.lang.reflect.WildcardType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What one {@link StreamOf}, {@link ProjectionOf}, {@link ClassificationOf}, {@link CommandOf} or {@link QueryOf} parameter binds to, read and checked
 * once: the parameter type fits the annotation, {@code ${...}} placeholders are resolved from the environment, and
 * the parts that are the same for every request are valid. What is left varies with the request's URI variables.
 */
final class StreamBinding {

    enum Kind {
        STREAM(StreamOf.class), PROJECTION(ProjectionOf.class), CLASSIFICATION(ClassificationOf.class),
        COMMAND(CommandOf.class), QUERY(QueryOf.class);

        private final Class<? extends Annotation> annotation;

        Kind(Class<? extends Annotation> annotation) {
            this.annotation = annotation;
        }
    }

    private static final Pattern MISSING_PROPERTY = Pattern.compile("placeholder '([^']+)'");

    private final MethodParameter parameter;
    private final Kind kind;
    private final String annotation;
    private final BindingTemplate domain;
    private final BindingTemplate entity;
    private final BindingTemplate key;
    private final BindingTemplate asOf;
    private final Map<String, BindingTemplate> classificationParameters;
    private final Class<?> target;

    private StreamBinding(MethodParameter parameter, Kind kind, String annotation, BindingTemplate domain,
                          BindingTemplate entity, BindingTemplate key, BindingTemplate asOf,
                          Map<String, BindingTemplate> classificationParameters, Class<?> target) {
        this.parameter = parameter;
        this.kind = kind;
        this.annotation = annotation;
        this.domain = domain;
        this.entity = entity;
        this.key = key;
        this.asOf = asOf;
        this.classificationParameters = classificationParameters;
        this.target = target;
    }

    /**
     * The binding of a parameter, or empty when it carries none of the annotations.
     *
     * @throws InvalidStreamBindingException when the binding can never work
     */
    static Optional<StreamBinding> of(MethodParameter parameter, Environment environment) {
        List<Kind> kinds = Arrays.stream(Kind.values()).filter(kind -> parameter.hasParameterAnnotation(kind.annotation))
                .toList();
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        if (kinds.size() > 1) {
            throw new InvalidStreamBindingException(where(parameter) + " carries " + kinds.stream()
                    .map(kind -> "@" + kind.annotation.getSimpleName()).collect(Collectors.joining(" and "))
                    + ", but a parameter binds to one thing.", "Keep one of the annotations on the parameter.");
        }
        Kind kind = kinds.get(0);
        Annotation annotation = parameter.getParameterAnnotation(kind.annotation);
        return Optional.of(switch (kind) {
            case STREAM -> {
                StreamOf streamOf = (StreamOf) annotation;
                String rendered = render("StreamOf", streamOf.domain(), streamOf.entity(), streamOf.key(), null, null);
                requireEventStream(parameter, rendered);
                yield create(parameter, kind, rendered, environment, streamOf.domain(), streamOf.entity(), streamOf.key(),
                        "", new String[0], null);
            }
            case PROJECTION -> {
                ProjectionOf projectionOf = (ProjectionOf) annotation;
                String rendered = render("ProjectionOf", projectionOf.domain(), projectionOf.entity(), projectionOf.key(),
                        projectionOf.asOf(), null);
                Class<?> target = resultTypeArgument(parameter, rendered, ProjectionResult.class, "projection");
                yield create(parameter, kind, rendered, environment, projectionOf.domain(), projectionOf.entity(),
                        projectionOf.key(), projectionOf.asOf(), new String[0], target);
            }
            case CLASSIFICATION -> {
                ClassificationOf classificationOf = (ClassificationOf) annotation;
                String rendered = render("ClassificationOf", classificationOf.domain(), classificationOf.entity(),
                        classificationOf.key(), null, classificationOf.parameters());
                Class<?> target = resultTypeArgument(parameter, rendered, ClassificationResult.class, "classification");
                yield create(parameter, kind, rendered, environment, classificationOf.domain(), classificationOf.entity(),
                        classificationOf.key(), "", classificationOf.parameters(), target);
            }
            case COMMAND -> {
                CommandOf commandOf = (CommandOf) annotation;
                // A command is the stream <domain> / Command-<type> / <id>: bound, checked and routed as one.
                yield instanceBinding(parameter, kind, environment, CommandInstance.class, commandOf.domain(),
                        commandOf.type(), commandOf.id(), CommandType.ENTITY_PREFIX);
            }
            case QUERY -> {
                QueryOf queryOf = (QueryOf) annotation;
                // A query is the stream of the command it runs as: <domain> / Command-Query<type> / <id>.
                yield instanceBinding(parameter, kind, environment, QueryInstance.class, queryOf.domain(),
                        queryOf.type(), queryOf.id(), InstanceOfArgumentResolver.QUERY_ENTITY_PREFIX);
            }
        });
    }

    /** The binding of a {@code @CommandOf} or {@code @QueryOf} parameter: the stream of one instance of a type. */
    private static StreamBinding instanceBinding(MethodParameter parameter, Kind kind, Environment environment,
                                                 Class<?> instanceType, String domain, String type, String id,
                                                 String entityPrefix) {
        String rendered = "@" + kind.annotation.getSimpleName() + "(domain = \"" + domain + "\", type = \"" + type
                + "\", id = \"" + id + "\")";
        requireType(parameter, rendered, instanceType, "Declare the parameter as " + instanceType.getSimpleName()
                + ".");
        return create(parameter, kind, rendered, environment, domain, entityPrefix + type, id, "", new String[0], null);
    }

    private static StreamBinding create(MethodParameter parameter, Kind kind, String rendered, Environment environment,
                                        String domain, String entity, String key, String asOf, String[] parameters,
                                        Class<?> target) {
        Resolver resolver = new Resolver(parameter, rendered, environment);
        BindingTemplate domainTemplate = resolver.template("domain", domain);
        BindingTemplate entityTemplate = resolver.template("entity", entity);
        BindingTemplate keyTemplate = resolver.template("key", key);
        BindingTemplate asOfTemplate = asOf.isBlank() ? null : resolver.template("asOf", asOf);
        Map<String, BindingTemplate> classificationParameters = new LinkedHashMap<>();
        for (String entry : parameters) {
            int equals = entry.indexOf('=');
            if (equals <= 0 || entry.substring(0, equals).isBlank()) {
                throw new InvalidStreamBindingException(where(parameter) + " is bound with " + rendered
                        + ", whose parameters entry \"" + entry + "\" is not name=value.",
                        "Write each entry as name=value, e.g. \"threshold=100\", \"threshold=${bank.threshold}\" or "
                                + "\"threshold={threshold}\".");
            }
            classificationParameters.put(entry.substring(0, equals).trim(),
                    resolver.template("parameters", entry.substring(equals + 1)));
        }
        StreamBinding binding = new StreamBinding(parameter, kind, rendered, domainTemplate, entityTemplate, keyTemplate,
                asOfTemplate, classificationParameters, target);
        binding.checkFixedParts();
        return binding;
    }

    private void checkFixedParts() {
        try {
            if (domain.isFixed() && entity.isFixed()) {
                StreamType type = new StreamType(domain.expand(Map.of()), entity.expand(Map.of()));
                if (key.isFixed()) {
                    type.instance(key.expand(Map.of()));
                }
            }
        } catch (InvalidStreamKeyException e) {
            throw new InvalidStreamBindingException(where(parameter) + " is bound with " + annotation
                    + ", which cannot address a stream: " + e.getMessage() + ".",
                    "Use letters, digits, '-' and '_' only in the domain and entity, and a non-empty key without "
                            + "control characters of at most " + StreamId.MAX_INSTANCE_KEY_LENGTH + " characters.");
        }
        if (asOf != null && asOf.isFixed()) {
            try {
                parseAsOf(asOf.expand(Map.of()));
            } catch (DateTimeParseException e) {
                throw new InvalidStreamBindingException(where(parameter) + " is bound with " + annotation
                        + ", whose asOf \"" + asOf + "\" is not an ISO-8601 instant, date-time with offset or date.",
                        "Write asOf as e.g. \"2024-05-01T00:00:00Z\" or \"2024-05-01\", take it from a URI variable "
                                + "(\"{asOf}\"), or leave it empty for the latest state.");
            }
        }
    }

    /** Where events of this binding go, for this request. */
    StreamId streamId(Map<String, String> uriVariables) {
        return StreamId.of(domain.expand(uriVariables), entity.expand(uriVariables), key.expand(uriVariables));
    }

    /** The as-of time for this request, or null for the latest state. */
    Instant asOf(Map<String, String> uriVariables) {
        if (asOf == null) {
            return null;
        }
        String value = asOf.expand(uriVariables);
        return value.isBlank() ? null : parseAsOf(value);
    }

    Map<String, String> classificationParameters(Map<String, String> uriVariables) {
        Map<String, String> values = new LinkedHashMap<>();
        classificationParameters.forEach((name, template) -> values.put(name, template.expand(uriVariables)));
        return values;
    }

    /** True when a classification parameter's value comes from the request's URI. */
    boolean hasVariableClassificationParameters() {
        return classificationParameters.values().stream().anyMatch(template -> !template.isFixed());
    }

    /** The URI template variables this binding needs, each once, in order of appearance. */
    Set<String> variableNames() {
        Set<String> names = new LinkedHashSet<>();
        List<BindingTemplate> templates = new ArrayList<>(List.of(domain, entity, key));
        if (asOf != null) {
            templates.add(asOf);
        }
        templates.addAll(classificationParameters.values());
        templates.forEach(template -> names.addAll(template.variableNames()));
        return names;
    }

    /** The domain/entity when it is the same for every request. */
    Optional<StreamType> fixedType() {
        return domain.isFixed() && entity.isFixed()
                ? Optional.of(new StreamType(domain.expand(Map.of()), entity.expand(Map.of()))) : Optional.empty();
    }

    Kind kind() {
        return kind;
    }

    /** The projection or classification class; null for a stream. */
    Class<?> target() {
        return target;
    }

    MethodParameter parameter() {
        return parameter;
    }

    /** The annotation as written, e.g. {@code @StreamOf(domain = "Bank", entity = "Account", key = "{id}")}. */
    String annotation() {
        return annotation;
    }

    /** E.g. {@code BankController#deposit(Deposit, EventStream) parameter 'account'}, for messages. */
    String where() {
        return where(parameter);
    }

    /**
     * Parses an as-of value: an instant ({@code 2024-05-01T10:00:00Z}), a date-time with offset, or a date, which means
     * the end of that day in UTC.
     */
    static Instant parseAsOf(String value) {
        String text = value.trim();
        if (text.length() == 10) {
            return LocalDate.parse(text).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }

    static String where(MethodParameter parameter) {
        MethodParameter named = parameter.clone();
        named.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
        String name = named.getParameterName();
        String method = parameter.getExecutable().getName() + "(" + Arrays.stream(parameter.getExecutable()
                .getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ")) + ")";
        return parameter.getContainingClass().getSimpleName() + "#" + method + " parameter "
                + (name != null ? "'" + name + "'" : "#" + parameter.getParameterIndex());
    }

    private static void requireEventStream(MethodParameter parameter, String rendered) {
        requireType(parameter, rendered, EventStream.class, "Declare the parameter as EventStream, or use @ProjectionOf "
                + "with ProjectionResult<YourProjection> to read a projection.");
    }

    private static void requireType(MethodParameter parameter, String rendered, Class<?> injected, String action) {
        if (!parameter.getParameterType().isAssignableFrom(injected)) {
            throw new InvalidStreamBindingException(where(parameter) + " is of type "
                    + parameter.getParameterType().getSimpleName() + ", but " + rendered + " injects "
                    + (injected == EventStream.class ? "an " : "a ") + injected.getSimpleName() + ".", action);
        }
    }

    private static Class<?> resultTypeArgument(MethodParameter parameter, String rendered, Class<?> resultType,
                                               String what) {
        ResolvableType type = ResolvableType.forMethodParameter(parameter);
        String result = resultType.getSimpleName();
        if (type.resolve() != resultType) {
            // Likely slips: the projection class itself, or the other result type around the right class.
            Class<?> declared = parameter.getParameterType();
            if ((declared == ProjectionResult.class || declared == ClassificationResult.class)
                    && type.getGeneric(0).resolve() != null) {
                declared = type.getGeneric(0).resolve();
            }
            String argument = declared.isPrimitive() || declared.getName().startsWith("java.")
                    || declared == ProjectionResult.class || declared == ClassificationResult.class
                    ? "Your" + Character.toUpperCase(what.charAt(0)) + what.substring(1) : declared.getSimpleName();
            throw new InvalidStreamBindingException(where(parameter) + " is of type " + type + ", but " + rendered
                    + " injects a " + result + " of a " + what + " class.",
                    "Declare the parameter as " + result + "<" + argument + ">, with the " + what
                            + " class as the type argument.");
        }
        ResolvableType argument = type.getGeneric(0);
        if (argument.resolve() == null || argument.resolve() == Object.class
                || argument.getType() instanceof WildcardType) {
            throw new InvalidStreamBindingException(where(parameter) + " is of type " + type + ", which names no "
                    + what + " class for " + rendered + ".",
                    "Declare the parameter as " + result + "<Your" + Character.toUpperCase(what.charAt(0))
                            + what.substring(1) + ">, with the " + what + " class as the type argument.");
        }
        return argument.resolve();
    }

    private static String render(String annotation, String domain, String entity, String key, String asOf,
                                 String[] parameters) {
        StringBuilder text = new StringBuilder("@").append(annotation).append("(domain = \"").append(domain)
                .append("\", entity = \"").append(entity).append("\", key = \"").append(key).append('"');
        if (asOf != null && !asOf.isEmpty()) {
            text.append(", asOf = \"").append(asOf).append('"');
        }
        if (parameters != null && parameters.length > 0) {
            text.append(", parameters = {").append(Arrays.stream(parameters).map(p -> "\"" + p + "\"")
                    .collect(Collectors.joining(", "))).append('}');
        }
        return text.append(')').toString();
    }

    /** Resolves {@code ${...}} from the environment and parses the rest, with messages that name the parameter. */
    private record Resolver(MethodParameter parameter, String rendered, Environment environment) {

        BindingTemplate template(String attribute, String value) {
            String resolved;
            try {
                resolved = environment.resolveRequiredPlaceholders(value);
            } catch (IllegalArgumentException e) {
                Matcher missing = MISSING_PROPERTY.matcher(String.valueOf(e.getMessage()));
                String property = missing.find() ? missing.group(1) : value;
                throw new InvalidStreamBindingException(where(parameter) + " is bound with " + rendered + ", whose "
                        + attribute + " refers to the property '" + property + "', which is not set.",
                        "Set the property " + property + " (e.g. in application.yml), or give the placeholder a "
                                + "default: ${" + property + ":value}.");
            }
            try {
                return BindingTemplate.parse(resolved);
            } catch (IllegalArgumentException e) {
                throw new InvalidStreamBindingException(where(parameter) + " is bound with " + rendered + ", whose "
                        + attribute + " " + e.getMessage() + ".",
                        "Write URI variables as {name}, and properties as ${name}.");
            }
        }
    }
}
