package io.github.eventsourcing.azure.projection;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a projection or classification class that handles one event type: its first parameter is the
 * event class (annotated with {@link io.github.eventsourcing.azure.stream.EventName}); an optional second parameter
 * of type {@link io.github.eventsourcing.azure.stream.RecordedEvent} gives the sequence, write time and context.
 * In a classification the method returns {@link Classified} (or void for "unchanged").
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface EventHandler {
}
