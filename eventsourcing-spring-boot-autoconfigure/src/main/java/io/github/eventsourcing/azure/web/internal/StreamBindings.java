package io.github.eventsourcing.azure.web.internal;

import io.github.eventsourcing.azure.stream.InvalidStreamKeyException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.core.env.Environment;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
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

    /**
     * The URI template variables of the request.
     *
     * @throws InvalidStreamKeyException when a variable was taken from a path segment that holds {@code ;}
     */
    @SuppressWarnings("unchecked")
    static Map<String, String> uriVariables(NativeWebRequest request) {
        Object found = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST);
        Map<String, String> variables = found == null ? Map.of() : (Map<String, String>) found;
        HttpServletRequest servletRequest = request.getNativeRequest(HttpServletRequest.class);
        if (servletRequest != null && servletRequest.getRequestURI().indexOf(';') >= 0) {
            refuseSegmentsWithParameters(servletRequest.getRequestURI(), variables);
        }
        return variables;
    }

    /**
     * Spring MVC binds a URI variable without the {@code ;} parameters of its path segment (matrix variables): the
     * key of {@code /accounts/a;b=c} would be {@code a}, another account than the client named. A {@code ;} in a
     * key travels encoded ({@code %3B}), so a raw {@code ;} in a segment a variable came from is refused instead.
     */
    private static void refuseSegmentsWithParameters(String rawPath, Map<String, String> variables) {
        for (String segment : rawPath.split("/")) {
            int semicolon = segment.indexOf(';');
            if (semicolon < 0) {
                continue;
            }
            String bound = UriUtils.decode(segment.substring(0, semicolon), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> variable : variables.entrySet()) {
                if (!variable.getValue().isEmpty() && bound.contains(variable.getValue())) {
                    throw new InvalidStreamKeyException("The path segment '" + segment + "' holds ';', which Spring "
                            + "MVC drops with what follows it, so {" + variable.getKey() + "} would address '"
                            + variable.getValue() + "'. Encode a ';' that belongs to a key as %3B");
                }
            }
        }
    }
}
