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
 * {@code ${...}} placeholders (from the environment).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ProjectionOf {

    String domain();

    String entity();

    /** The instance key, typically a URI variable such as {@code "{accountNumber}"}. */
    String key();

    /** Fold only events written at or before this instant: ISO-8601, placeholders allowed, blank = no limit. */
    String asOf() default "";
}
