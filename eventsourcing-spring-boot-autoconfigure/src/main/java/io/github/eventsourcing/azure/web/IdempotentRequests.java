package io.github.eventsourcing.azure.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Makes {@link IdempotentRequest}s: from an HTTP request (what an {@code IdempotentRequest} controller parameter
 * gets), or from a key and a scope the caller names, for writes that do not come straight from one request's header
 * (a command processed later, say). The auto-configuration provides it.
 */
public interface IdempotentRequests {

    /**
     * The request's {@value IdempotentRequest#HEADER}, scoped to its user (from the {@link RequestUser} bean), its
     * method and the route of the handler that serves it.
     *
     * @throws InvalidIdempotencyKeyException the header is not a valid key
     */
    IdempotentRequest of(HttpServletRequest request);

    /**
     * A key in a scope the caller names. The stream the write goes to is added by
     * {@link IdempotentRequest#run}.
     *
     * @param key    the key, already decoded; null for a write without one
     * @param user   who sends the request; null for no one in particular
     * @param method the operation, e.g. {@code "POST"}
     * @param route  the route, e.g. {@code "/api/transfers"}
     * @throws InvalidIdempotencyKeyException the key is empty, too long or not printable ASCII
     */
    IdempotentRequest of(String key, String user, String method, String route);
}
