package io.github.eventsourcing.azure.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the result of a classification class for one instance: the parameter type is
 * {@code ClassificationResult<MyClassification>}.
 *
 * <p>Each attribute may hold {@code {name}} placeholders (from the request's URI template variables) and
 * {@code ${...}} placeholders (from the environment). The binding is checked at start-up: a placeholder that names no
 * URI variable of the handler's mapping, an unset property, a parameter type other than {@code ClassificationResult<X>} or a
 * domain/entity no {@code eventsourcing.streams} rule covers fails the start with a message that says what to fix.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ClassificationOf {

    String domain();

    String entity();

    /** The instance key, typically a URI variable such as {@code "{accountNumber}"}. */
    String key();

    /** Named parameters as {@code name=value}; values may hold placeholders, e.g. {@code "threshold=${bank.threshold}"}. */
    String[] parameters() default {};
}
