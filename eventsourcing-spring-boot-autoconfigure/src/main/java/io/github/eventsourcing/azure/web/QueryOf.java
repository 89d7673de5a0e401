package io.github.eventsourcing.azure.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a {@link io.github.eventsourcing.azure.query.QueryInstance} into a controller method parameter:
 * <pre>{@code
 * @GetMapping("/queries/{id}")
 * QueryView query(@QueryOf(domain = "Bank", type = "HighestBalance", id = "{id}") QueryInstance query)
 * }</pre>
 * Attributes may hold {@code {name}} and {@code ${...}} placeholders, as in {@link StreamOf}, and are checked at
 * start-up like {@link CommandOf}'s (the query runs as a command, so its stream is the command's). An id that is not a
 * valid command id is refused like an invalid stream key.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface QueryOf {

    String domain();

    /** The query type's name, e.g. {@code HighestBalance}. */
    String type();

    /** The query id, typically a URI variable such as {@code "{id}"}. */
    String id();
}
