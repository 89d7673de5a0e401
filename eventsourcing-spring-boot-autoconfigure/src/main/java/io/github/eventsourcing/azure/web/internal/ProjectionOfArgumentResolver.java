package io.github.eventsourcing.azure.web.internal;

import io.github.eventsourcing.azure.projection.ProjectionOptions;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.web.ProjectionOf;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Resolves {@link ProjectionOf} parameters by folding the addressed stream; a stream that does not exist gives a
 * result with {@code exists() == false}, which the controller turns into whatever it means (typically a 404).
 */
final class ProjectionOfArgumentResolver implements HandlerMethodArgumentResolver {

    private final StreamBindings bindings;
    private final Projections projections;

    ProjectionOfArgumentResolver(StreamBindings bindings, Projections projections) {
        this.bindings = bindings;
        this.projections = projections;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(ProjectionOf.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory)
            throws ServletRequestBindingException {
        StreamBinding binding = bindings.of(parameter);
        Map<String, String> uriVariables = StreamBindings.uriVariables(request);
        Instant asOf = asOf(binding, uriVariables);
        ProjectionOptions options = asOf == null ? ProjectionOptions.latest() : ProjectionOptions.asOf(asOf);
        return projections.project(binding.streamId(uriVariables), binding.target(), options);
    }

    /** The as-of time of the request; a malformed one is the client's mistake (400), not the server's. */
    static Instant asOf(StreamBinding binding, Map<String, String> uriVariables) throws ServletRequestBindingException {
        try {
            return binding.asOf(uriVariables);
        } catch (DateTimeParseException e) {
            throw new ServletRequestBindingException("'" + e.getParsedString() + "' is not a point in time: use an "
                    + "ISO-8601 instant (2024-05-01T10:00:00Z), date-time with offset, or date (2024-05-01, meaning "
                    + "the end of that day in UTC)", e);
        }
    }
}
