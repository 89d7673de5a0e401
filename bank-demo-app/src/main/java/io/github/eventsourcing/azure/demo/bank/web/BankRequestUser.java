package io.github.eventsourcing.azure.demo.bank.web;

import io.github.eventsourcing.azure.web.RequestUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * The user an {@code Idempotency-Key} is scoped to: the one the write context names (the authenticated user, else
 * the {@code X-User} header), so two tellers' equal keys never meet.
 */
@Component
class BankRequestUser implements RequestUser {

    @Override
    public String of(HttpServletRequest request) {
        return RequestWriteContext.user(request);
    }
}
