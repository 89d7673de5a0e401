package io.github.eventsourcing.azure.web.internal;

import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.web.StreamOf;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves {@link StreamOf} parameters to the {@link io.github.eventsourcing.azure.stream.EventStream} they address. */
final class StreamOfArgumentResolver implements HandlerMethodArgumentResolver {

    private final StreamBindings bindings;
    private final EventStreams streams;

    StreamOfArgumentResolver(StreamBindings bindings, EventStreams streams) {
        this.bindings = bindings;
        this.streams = streams;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(StreamOf.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        // Opening a stream costs no storage round trip: the controller decides whether to read, append or check exists().
        return streams.stream(bindings.of(parameter).streamId(StreamBindings.uriVariables(request)));
    }
}
