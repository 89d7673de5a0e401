package io.github.eventsourcing.azure.projection;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable name of a projection or classification class, used in notifications and snapshots (default: the
 * simple class name).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ProjectionName {

    String value();

    /**
     * The version of the projection's logic, keying its snapshots. 0 (the default) derives it from the class's
     * bytecode, so any change to the projection's code discards old snapshots.
     */
    int version() default 0;
}
