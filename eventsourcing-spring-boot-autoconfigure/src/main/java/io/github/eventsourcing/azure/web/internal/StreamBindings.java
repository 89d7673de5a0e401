package io.github.eventsourcing.azure.web.internal;

import org.springframework.core.MethodParameter;
import org.springframework.core.env.Environment;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The bindings of controller parameters, each read once, and the URI variables of the current request. */
final class StreamBindings {

    private final Environment environment;
    private final Map<MethodParameter, StreamBinding> bindings = new ConcurrentHashMap<>();

    StreamBindings(Environment environment) {
        this.environment = environment;
    }

    /** The binding of an annotated parameter (checked at start-up, so a failure here means the check was skipped). */
    StreamBinding of(MethodParameter parameter) {
        return bindings.computeIfAbsent(parameter, key -> StreamBinding.of(key, environment).orElseThrow(
                () -> new IllegalStateException(StreamBinding.where(key) + " has no binding annotation")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> uriVariables(NativeWebRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST);
        return variables == null ? Map.of() : (Map<String, String>) variables;
    }
}
