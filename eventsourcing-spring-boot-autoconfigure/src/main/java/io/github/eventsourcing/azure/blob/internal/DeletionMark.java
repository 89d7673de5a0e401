package io.github.eventsourcing.azure.blob.internal;

import java.time.Instant;

/**
 * The mark that makes a stream deleted, written into the metadata of its segments: first of the active segment (the
 * one conditional operation that decides the deletion), then of the others.
 *
 * @param deletionId random id of the delete call that set it, so that call recognizes its own mark after a lost
 *                   response
 * @param deletedAt  when the stream was deleted
 * @param version    how many events the stream held when it was deleted
 */
record DeletionMark(String deletionId, Instant deletedAt, long version) {
}
