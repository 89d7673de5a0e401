package io.github.eventsourcing.azure.projection;

/** What a classification handler decides about the instance after one event. */
public enum Classified {
    /** The instance is in the class from now on. */
    INCLUDE,
    /** The instance is out of the class from now on. */
    EXCLUDE,
    /** This event does not change the classification. */
    UNCHANGED
}
