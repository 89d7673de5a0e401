package io.github.eventsourcing.azure.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who sends a request, for scoping its idempotency key: two users' equal keys never meet. The default is the
 * authenticated principal's name ({@code request.getUserPrincipal()}), and no one in particular without one; declare
 * a bean of this type when the application names its users otherwise (a header set by a trusted gateway, say).
 */
@FunctionalInterface
public interface RequestUser {

    /** The user's name, or null when the request names none. */
    String of(HttpServletRequest request);

    /** The authenticated principal's name, else null. */
    static RequestUser principal() {
        return request -> request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
    }
}
