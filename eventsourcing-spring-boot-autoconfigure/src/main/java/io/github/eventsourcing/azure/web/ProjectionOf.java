package io.github.eventsourcing.azure.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the folded state of a projection class for one instance: the parameter type is
 * {@code ProjectionResult<MyProjection>}. A stream that does not exist gives a result with {@code exists() == false}
 * (the controller decides, e.g. 404).
 *
 * <p>Each attribute may hold {@code {name}} placeholders (from the request's URI template variables) and
 * {@code ${...}} placeholders (from the environment). The binding is checked at start-up: a placeholder that names no
 * URI variable of the handler's mapping, an unset property, a parameter type other than {@code ProjectionResult<X>} or
 * a domain/entity no {@code eventsourcing.streams} rule covers fails the start with a message that says what to fix.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ProjectionOf {

    String domain();

    String entity();

    /** The instance key, typically a URI variable such as {@code "{accountNumber}"}. */
    String key();

    /**
     * Fold only events written at or before this time; blank (the default) for the latest state. An ISO-8601 instant
     * ({@code 2024-05-01T10:00:00Z}), date-time with offset, or date ({@code 2024-05-01}: the end of that day, UTC),
     * typically from a URI variable such as {@code "{asOf}"}. A request whose value is not a point in time gets a 400.
     */
    String asOf() default "";
}
