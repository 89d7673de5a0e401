package io.github.eventsourcing.azure.stream;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable business name under which an event class is stored, e.g. {@code @EventName("Money Deposited")}.
 * Stored streams refer to this name, never to the Java class, so a class can be renamed or moved freely.
 * Every event class must carry it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventName {

    /** The business name; stable for the life of the stored data. */
    String value();

    /**
     * The version of this class's JSON shape. Raise it when the shape changes incompatibly and register an
     * {@link io.github.eventsourcing.azure.stream.EventUpcaster} that turns the older shape into the newer one.
     */
    int version() default 1;
}
