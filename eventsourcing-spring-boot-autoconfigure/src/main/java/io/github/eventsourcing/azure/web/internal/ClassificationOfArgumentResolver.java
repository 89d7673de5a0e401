package io.github.eventsourcing.azure.web.internal;

import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.web.ClassificationOf;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.Map;

/**
 * Resolves {@link ClassificationOf} parameters by classifying the addressed stream with the annotation's named
 * parameters; a stream that does not exist gives a result with {@code exists() == false}.
 */
final class ClassificationOfArgumentResolver implements HandlerMethodArgumentResolver {

    private final StreamBindings bindings;
    private final Projections projections;

    ClassificationOfArgumentResolver(StreamBindings bindings, Projections projections) {
        this.bindings = bindings;
        this.projections = projections;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(ClassificationOf.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory)
            throws ServletRequestBindingException {
        StreamBinding binding = bindings.of(parameter);
        Map<String, String> uriVariables = StreamBindings.uriVariables(request);
        try {
            return projections.classify(binding.streamId(uriVariables), binding.target(),
                    binding.classificationParameters(uriVariables));
        } catch (IllegalArgumentException e) {
            // A parameter taken from the URI that does not convert to its field's type is the client's mistake (400).
            if (e.getCause() instanceof ConversionException && binding.hasVariableClassificationParameters()) {
                throw new ServletRequestBindingException(e.getMessage(), e);
            }
            throw e;
        }
    }
}
