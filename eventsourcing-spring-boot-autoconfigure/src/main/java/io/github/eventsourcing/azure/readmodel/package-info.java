/**
 * Read models: a declared, continuously maintained row per instance of a domain/entity, queried by key and by filter
 * on declared columns with paging, without folding the instances.
 *
 * <ul>
 *   <li><b>Declaring:</b> a {@link io.github.eventsourcing.azure.readmodel.ReadModel} bean names the model, its
 *       version, the domain/entity, the projection whose state per instance is the row, and typed columns taken
 *       from that state.</li>
 *   <li><b>Change tracking:</b> rows are written in the notification dispatcher's pass over a changed stream, before
 *       the stream's published mark moves (the dispatcher runs when read models are declared, even with publishing
 *       off). The durable mark therefore covers read models too: a crash before the rows are written leaves the
 *       stream pending, and a poll or the sweep finds it. Writes to the in-memory store are applied after each
 *       write, off the writing thread.</li>
 *   <li><b>Idempotent, never backwards:</b> a row records the sequence it reflects. It is read, then the stream is
 *       folded (after the read), then the row is written on condition that it is unchanged (ETag); when another
 *       writer came first, it reads and folds again. A row already holding the result is not written.</li>
 *   <li><b>Queries:</b> {@link io.github.eventsourcing.azure.readmodel.ReadModels}: by key (one point read), and by
 *       a {@link io.github.eventsourcing.azure.readmodel.RowFilter} on one column (equal, below, at least, between),
 *       served from index rows whose keys encode the value in order: one key range, never a scan.</li>
 *   <li><b>Consistency:</b> eventually consistent; {@code ReadModels.await} waits for a given append.</li>
 *   <li><b>New models and rebuilds:</b> rows are kept in generations; a generation being built gets every change
 *       and is filled by a replay over every instance, which the application's instances share by claiming buckets
 *       of instance keys with conditional writes; the answering generation answers until it is complete, and its
 *       rows are deleted once no instance uses them.</li>
 *   <li><b>Failures:</b> a model that keeps failing for a stream becomes a dead letter of kind {@code read-model};
 *       only that model waits for that stream, until the letter is retried or skipped.</li>
 * </ul>
 *
 * <p>The README's "Read models" section says which filters are served without a scan, and what they cost.
 */
package io.github.eventsourcing.azure.readmodel;
