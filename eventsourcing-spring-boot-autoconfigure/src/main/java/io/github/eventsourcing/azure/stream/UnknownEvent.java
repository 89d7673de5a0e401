package io.github.eventsourcing.azure.stream;

/**
 * The payload of a stored event whose business name no registered class carries. It is handed over rather than
 * dropped, so a reader can decide; projections skip it unless they declare a handler for it.
 *
 * @param eventName     the stored business name
 * @param schemaVersion the stored schema version
 * @param json          the stored JSON, unchanged
 */
public record UnknownEvent(String eventName, int schemaVersion, String json) {
}
