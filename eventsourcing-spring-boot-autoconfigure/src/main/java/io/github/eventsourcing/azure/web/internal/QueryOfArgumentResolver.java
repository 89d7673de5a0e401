package io.github.eventsourcing.azure.web.internal;

import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.query.Queries;
import io.github.eventsourcing.azure.query.QueryType;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.web.QueryOf;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.function.Supplier;

/** Resolves {@link QueryOf} parameters to the {@link io.github.eventsourcing.azure.query.QueryInstance}. */
final class QueryOfArgumentResolver implements HandlerMethodArgumentResolver {

    /** What the entity type of a query's stream starts with: its command's prefix, then the query's. */
    static final String ENTITY_PREFIX = CommandType.ENTITY_PREFIX + QueryType.COMMAND_NAME_PREFIX;

    private final StreamBindings bindings;
    private final Supplier<Queries> queries;

    QueryOfArgumentResolver(StreamBindings bindings, Supplier<Queries> queries) {
        this.bindings = bindings;
        this.queries = queries;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(QueryOf.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        StreamId query = bindings.of(parameter).streamId(StreamBindings.uriVariables(request));
        Queries available = queries.get();
        if (available == null) {
            throw new IllegalStateException(StreamBinding.where(parameter) + " is bound with @QueryOf, but the "
                    + "application has no Queries bean (no QueryHandler bean)");
        }
        String type = query.entityType().substring(ENTITY_PREFIX.length());
        return available.instance(QueryType.of(query.domain(), type), query.instanceKey());
    }
}
