package io.github.eventsourcing.azure.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a {@link io.github.eventsourcing.azure.command.CommandInstance} into a controller method parameter:
 * <pre>{@code
 * @DeleteMapping("/transfers/{id}")
 * ResponseEntity<?> cancel(@CommandOf(domain = "Bank", type = "TransferMoney", id = "{id}") CommandInstance transfer)
 * }</pre>
 * Attributes may hold {@code {name}} and {@code ${...}} placeholders, as in {@link StreamOf}, and are checked at
 * start-up the same way (the command's stream must be covered by an {@code eventsourcing.streams} rule). An id that is
 * not a valid command id is refused like an invalid stream key.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface CommandOf {

    String domain();

    /** The command type's name, e.g. {@code TransferMoney}. */
    String type();

    /** The command id, typically a URI variable such as {@code "{id}"}. */
    String id();
}
