package io.github.eventsourcing.azure.projection;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field of a classification class that receives a named parameter before the fold, e.g.
 * {@code @ClassificationParameter("threshold") BigDecimal threshold;}. Values are converted to the field's type.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface ClassificationParameter {

    String value();

    /** False to allow the parameter to be absent (the field keeps its initial value). */
    boolean required() default true;
}
