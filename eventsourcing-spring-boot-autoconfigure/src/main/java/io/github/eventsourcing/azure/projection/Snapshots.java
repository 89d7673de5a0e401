package io.github.eventsourcing.azure.projection;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps snapshots of a projection or classification so that folding a long stream reads only the events after the
 * newest snapshot. A snapshot is written (in the background, never on the append path) whenever a fold has applied
 * at least {@link #every()} events since the snapshot it started from.
 *
 * <p>Snapshots are keyed by {@link ProjectionName} and its version (by default derived from the class's bytecode),
 * so changing the projection's code never feeds it a stale snapshot. A classification's snapshots are also keyed
 * by a short digest of its {@link ClassificationParameter} values, since the verdict they hold was computed with those
 * values: a fold with other values never resumes from them. The state is stored as JSON of the class's fields.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Snapshots {

    /** Write a snapshot once a fold has applied this many events past the previous one. */
    int every() default 100;
}
