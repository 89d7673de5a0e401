package io.github.eventsourcing.azure.web.internal;

import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.Commands;
import io.github.eventsourcing.azure.query.Queries;
import io.github.eventsourcing.azure.query.QueryType;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.web.CommandOf;
import io.github.eventsourcing.azure.web.QueryOf;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.lang.annotation.Annotation;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Resolves {@link CommandOf} and {@link QueryOf} parameters: the bound stream, whose entity type is the type's prefix
 * and name, is handed to the bean that opens its instances (asked for on each request, as it may be absent).
 */
final class InstanceOfArgumentResolver<B> implements HandlerMethodArgumentResolver {

    /** What the entity type of a query's stream starts with: its command's prefix, then the query's. */
    static final String QUERY_ENTITY_PREFIX = CommandType.ENTITY_PREFIX + QueryType.COMMAND_NAME_PREFIX;

    private final Class<? extends Annotation> annotation;
    private final StreamBindings bindings;
    private final Supplier<B> beans;
    private final String missing;
    private final BiFunction<B, StreamId, Object> instance;

    private InstanceOfArgumentResolver(Class<? extends Annotation> annotation, StreamBindings bindings,
                                       Supplier<B> beans, String missing, BiFunction<B, StreamId, Object> instance) {
        this.annotation = annotation;
        this.bindings = bindings;
        this.beans = beans;
        this.missing = missing;
        this.instance = instance;
    }

    static InstanceOfArgumentResolver<Commands> commandOf(StreamBindings bindings, Supplier<Commands> commands) {
        return new InstanceOfArgumentResolver<>(CommandOf.class, bindings, commands,
                "no Commands bean (no CommandHandler bean)", (available, command) -> available.instance(
                        CommandType.of(command.domain(), typeName(command, CommandType.ENTITY_PREFIX)),
                        command.instanceKey()));
    }

    static InstanceOfArgumentResolver<Queries> queryOf(StreamBindings bindings, Supplier<Queries> queries) {
        return new InstanceOfArgumentResolver<>(QueryOf.class, bindings, queries,
                "no Queries bean (no QueryHandler bean)", (available, query) -> available.instance(
                        QueryType.of(query.domain(), typeName(query, QUERY_ENTITY_PREFIX)), query.instanceKey()));
    }

    private static String typeName(StreamId stream, String entityPrefix) {
        return stream.entityType().substring(entityPrefix.length());
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(annotation);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        StreamId stream = bindings.of(parameter).streamId(StreamBindings.uriVariables(request));
        B available = beans.get();
        if (available == null) {
            throw new IllegalStateException(StreamBinding.where(parameter) + " is bound with @"
                    + annotation.getSimpleName() + ", but the application has " + missing);
        }
        return instance.apply(available, stream);
    }
}
