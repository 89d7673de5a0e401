package io.github.eventsourcing.azure.web.internal;

import io.github.eventsourcing.azure.web.IdempotentRequest;
import io.github.eventsourcing.azure.web.IdempotentRequests;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@link IdempotentRequest} parameters from the request's header. A malformed key fails here, before the
 * handler runs, so a request with a bad key never writes.
 */
public final class IdempotentRequestArgumentResolver implements HandlerMethodArgumentResolver {

    private final IdempotentRequests requests;

    public IdempotentRequestArgumentResolver(IdempotentRequests requests) {
        this.requests = requests;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == IdempotentRequest.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        return requests.of(request.getNativeRequest(HttpServletRequest.class));
    }
}
