/**
 * The AppendBlob backend: {@code AppendBlobEventStore} keeps each event stream in
 * Azure append blobs, one block per atomic append.
 *
 * <h2>Layout</h2>
 * <ul>
 *   <li>One container per domain/entity: {@code <prefix>-<domain>-<entity>-<hash>}, the prefix
 *       {@code eventsourcing.append-blob.container-prefix}, the readable part lowercased and
 *       cut to fit 63 characters, the hash the first 12 hex characters of SHA-256 over the exact
 *       {@code domain/entity}, so {@code Bank/Account} and {@code bank/account} never share a container. The first
 *       write of a type in a process creates the container (metadata {@code domain}, {@code entitytype}) or checks that
 *       an existing one carries the type's own names; a clash is refused with an
 *       {@link io.github.eventsourcing.azure.stream.InvalidStreamKeyException}. A missing container holds no streams.</li>
 *   <li>A stream is a chain of append blobs, its segments: {@code streams/<key>/00000000}, {@code .../00000001}, ...
 *       The instance key is kept readable and encoded reversibly: ASCII letters, digits, {@code -}, {@code _} and
 *       non-ASCII letters, digits, marks and symbols stay, every other character becomes {@code ~XX} per UTF-8 byte
 *       (so no {@code /}, {@code \}, {@code .}, {@code %} or space reaches a blob name). A key whose encoding exceeds
 *       960 characters is refused, never shortened.</li>
 *   <li>Segment metadata, set atomically when the segment is created: {@code format} ({@code ndjson-1}),
 *       {@code incarnation} (random, shared by the segments of one life of the stream, new after a re-creation) and
 *       {@code firstsequence}. A deletion adds {@code deletionid}, {@code deletedat} and {@code deletedversion}.</li>
 *   <li>{@code deletions/<key>/<incarnation>}: the tombstone of a deleted stream (see below).</li>
 *   <li>{@code published/<key>/mark}: written by the notification dispatcher, never by appends: an empty blob whose
 *       metadata records how far the stream's notifications were published ({@code incarnation}, {@code version},
 *       and the active segment's {@code segment} and {@code segmentetag} when that was everything). Since every
 *       Append Block changes the active segment's ETag, a stream whose segment no longer has the recorded ETag has
 *       unpublished events, without appends writing anything for it (see {@code BlobChangeFeed}).</li>
 *   <li>{@code snapshots/<key>/<snapshot key>} (the snapshot key encoded like an instance key): a projection
 *       snapshot, a block blob written by itself (never as part
 *       of an append): a header line {@code {"format":"snapshot-1","sequence":..,"lastEventId":..,"asOfTime":..}}
 *       and then the state's JSON. Loading or saving one is one request; deleting the stream removes them.</li>
 *   <li>Container {@code <prefix>deadletters} (no {@code -} after the prefix, so it is no stream container), created
 *       at the first dead letter: one block blob per dead letter, named by its id, holding a JSON object of strings:
 *       {@code FormatVersion} ({@code 1}), {@code Id}, {@code Kind} ({@code notification}, {@code command}),
 *       {@code Domain}, {@code EntityType}, {@code InstanceKey}, {@code FromSequence}, {@code ToSequence},
 *       {@code Attempts}, {@code LastError}, {@code FirstFailedAt}, {@code LastFailedAt} (ISO-8601) and, when the
 *       letter has details (a command letter's {@code step}), {@code Details} (a JSON object of strings, as text;
 *       added later without a new version, since older readers ignore it). Written by the notification dispatcher and
 *       the command runner, never by appends (see {@code BlobDeadLetters}).</li>
 *   <li>Container {@code <prefix>changes} (no {@code -} after the prefix either), created by its first entry: the
 *       change index, one empty block blob per stream that changed recently, named {@code <bucket>/<digest>} (the
 *       digest SHA-256 over {@code domain/entity/key} in hex, the bucket its first digit), with metadata
 *       {@code domain}, {@code entitytype}, {@code instancekey} (percent-encoded UTF-8) and {@code format}
 *       ({@code changes-1}). Written by the notification dispatcher of the writing process after the append, never by
 *       appends, and removed once the stream's notifications are out (see {@code BlobChangeIndex} and the README's
 *       "Finding changes").</li>
 * </ul>
 *
 * <h2>Record format</h2>
 * Newline-delimited JSON, one line per event; the lines of one append form one Append Block, so they land together
 * or not at all:
 * <pre>{"seq":7,"id":"5f0c…","commit":"Qk3xY0…","name":"Money Deposited","schema":1,"at":"2026-11-27T10:15:30.123Z",
 *  "ctx":{"who":"alice","correlationId":"c-1"},"data":{"amount":10}}</pre>
 * {@code data} is the event's JSON embedded as a value, byte for byte, last on the line; {@code ctx} holds the write
 * context values that are set; {@code commit} is the random id of the append that wrote the line. Every block ends
 * with a line break, so a reader can start at offset 0 or right after any line break, and parse chunk by chunk.
 *
 * <h2>Format versions</h2>
 * The format is named where it is written atomically with the data, at no extra request: the {@code format} metadata
 * of each segment (set when the segment is created, so it covers every record appended to it) and the
 * {@code format} field of each snapshot's header line. A reader refuses a segment in a format it does not know with
 * an {@link io.github.eventsourcing.azure.stream.UnsupportedStoredFormatException} and changes nothing; a snapshot in
 * an unknown format is skipped like any unusable snapshot (the fold starts from the first event). A later record
 * format writes its records only into segments created with its own name, so no segment mixes two formats.
 * <table>
 *   <caption>Versions of the AppendBlob format</caption>
 *   <tr><th>Segments</th><th>Snapshots</th><th>What changed</th></tr>
 *   <tr><td>{@code ndjson-1}</td><td>{@code snapshot-1}</td><td>the first format, as described here (stored-format
 *       fixture {@code v1})</td></tr>
 *   <tr><td>{@code ndjson-1}</td><td>{@code snapshot-1}</td><td>adds the dead letters' container (its blobs carry
 *       {@code FormatVersion} 1); streams unchanged, and older code ignores the container</td></tr>
 *   <tr><td>{@code ndjson-1} (additive)</td><td>{@code snapshot-1}</td><td>{@code ctx} may hold
 *       {@code requestFingerprint} (an idempotency key's request digest). Same name: a reader of {@code ndjson-1}
 *       hands a context field it does not know to its JSON parser, which skips it, so the line reads completely,
 *       only without the fingerprint.</td></tr>
 *   <tr><td>{@code ndjson-1}</td><td>{@code snapshot-1}</td><td>adds the change index's container (its blobs carry
 *       {@code format} {@code changes-1}); streams unchanged. Data without index entries (any older data) is found by
 *       the dispatcher's sweep; older code ignores the container</td></tr>
 * </table>
 * Data written in each format is kept as a test fixture ({@code src/test/resources/stored-format/}) that every
 * later version must read, append to and publish.
 *
 * <h2>Concurrency</h2>
 * Every append is an Append Block conditional on the segment's ETag (If-Match) and append position, both as this
 * process last saw them; a segment, a deletion mark and a tombstone are created with If-None-Match *. No leases:
 * any number of processes write the same stream, and a failed condition (412) means someone else wrote first. The
 * appender then catches up (reads the new records) and decides again: an append expecting a version fails with a
 * {@link io.github.eventsourcing.azure.stream.ConcurrencyConflictException}, one without retries. Within one process,
 * appends to one stream wait for each other instead of colliding at the service.
 *
 * <h2>Requests per append</h2>
 * Each process remembers, for recently used streams (bounded), the active segment's ETag and end, the version and
 * the ids of all events. Not counting the one-off check of a type's container per process:
 * <ul>
 *   <li><b>1</b> when the process knows the stream (it read, appended or asked for the version before): Append
 *       Block.</li>
 *   <li><b>2</b> when it does not (cold): one ranged read of the stream, then Append Block. The read is needed because
 *       the idempotency check needs every event id of the stream; it brings the version, the append position and the
 *       ETag along. It is one request while the stream is in one segment and under one 4 MiB chunk, more for longer
 *       streams. A stream the process has just read whole (the usual load, decide, append of a command) is known:
 *       1.</li>
 *   <li><b>2</b> for the first append to a new stream that expects it to be new (must-be-new or expected version 0):
 *       create the first segment with If-None-Match *, then Append Block. Append blobs cannot be created with
 *       content, so this is the least. A loose first append reads first (it usually meets an existing stream): 3.</li>
 *   <li><b>+2</b> when the active segment is full (every 50,000 blocks): create the next one, then check that the
 *       full one is unchanged (see below).</li>
 *   <li>On a failed condition: one catch-up read of just the new records, then the next Append Block.</li>
 * </ul>
 * {@code version()} on a known stream is one ranged read of the bytes after the known end (one byte when nothing
 * changed: a read starting one byte early proves the offset is a record boundary and never starts exactly at the
 * end, where Azurite answers 206 with no body and Azure 416; both answers are handled anyway).
 *
 * <h2>Idempotency</h2>
 * An append whose event ids are all in the stream at consecutive sequences returns the original sequences with
 * {@code alreadyApplied}; one whose ids are partly there fails with an
 * {@link io.github.eventsourcing.azure.stream.EventIdConflictException}. The check runs on every append, explicit
 * ids or not (a store cannot tell them apart), against the process's in-memory index of the stream's ids: the first
 * 128 bits of SHA-256 of each id, about 24 bytes per event. That index is complete because the append's If-Match
 * proves nobody wrote since the process last read; when the condition fails, catching up extends the index before
 * deciding again. A replay or a refusal is only reported from knowledge freshly read from storage. A replay
 * candidate (every id found) costs one more ranged read of its records, from the nearest position the process
 * remembers: a repeat must carry the same events (name, schema version and JSON, where a stored line break reads as
 * the space the record format turned it into), or it fails with an {@code EventIdConflictException} naming the ids.
 * The records already hold all of that, so this needs no change of the record format.
 *
 * <p>A lost response to Append Block (the service committed the block, the SDK retries, the retry fails on the ETag
 * the block changed) is recognized by the block's commit id at the expected sequence during the catch-up: the append
 * is reported as written by this call (not {@code alreadyApplied}), and nothing is written twice.
 *
 * <h2>The 50,000-block limit</h2>
 * When the active segment's committed block count (returned by every Append Block) reaches the limit, the next
 * append creates segment {@code n+1} with If-None-Match * and {@code firstsequence} = version + 1: of concurrent
 * writers exactly one creates it, the others find it. A full segment changes only when the stream is deleted
 * (its mark), so after creating {@code n+1} the writer checks that segment {@code n} still has the ETag it knew:
 * otherwise the stream was deleted (and perhaps removed, slot included) meanwhile, and the new segment is an
 * orphan that the writer removes again. A catch-up that finds no segment after a full one checks the same. Should the
 * writer crash before removing its orphan, the incarnation gives it away: readers and the change feed take only
 * segment 0 and the segments of its incarnation, whatever first sequence an orphan claims, and the next writer at
 * that boundary of a later life removes it.
 *
 * <h2>Reads</h2>
 * Reads stream with ranged Get Blob requests of at most 4 MiB, so memory stays bounded. A read from sequence 1
 * reads segment 0 directly (its metadata, returned with the content, says whether the stream is deleted, as long as
 * it is the only segment). A read from a later sequence, or of a stream with several segments, first lists the
 * segments (one List Blobs request with metadata) and starts at the segment whose {@code firstsequence} holds the
 * first wanted event: earlier segments are not downloaded. A read from a later sequence of a stream the process
 * knows needs no listing: the process remembers where every 128th record starts, and reads from the one nearest
 * before the wanted sequence (checking that it finds that very record there, in the same incarnation), so a fold
 * from a recent snapshot downloads only the end of the stream.
 *
 * <h2>Deletion and tombstones</h2>
 * <ol>
 *   <li>Mark: the deletion mark goes where the next append would write: into the active segment's metadata,
 *       If-Match its ETag, or, when the active segment is full, into the next segment, created marked with
 *       If-None-Match *. This one conditional operation decides: it fails if anyone appended meanwhile, and after it
 *       every append based on earlier knowledge fails, and every read, version check and listing sees no stream.</li>
 *   <li>Tombstone: {@code deletions/<key>/<incarnation>} is written once (If-None-Match *), a small JSON document
 *       {@code {"domain","entityType","instanceKey","incarnation","version","deletedAt"}}. It outlives the stream: a
 *       notification dispatcher lists {@code deletions/} in the containers, publishes a deleted-entity notification
 *       for each tombstone and then deletes it.</li>
 *   <li>The other segments are marked, the stream's snapshots removed, then all segments are removed, highest first,
 *       each If-Match its marked ETag. Segment 0 goes last, so while anything of the old stream is left, segment 0 is
 *       there with its mark.</li>
 * </ol>
 * A crash anywhere leaves a marked stream: the next delete of it, or the next append that wants to write to the key,
 * finishes steps 2 and 3 first. So does the change feed: a marked stream without the tombstone of its incarnation is
 * pending, and reading it finishes the deletion, so the deletion is announced even if the key is never used again (a
 * deletion finished after its tombstone was published may be announced twice, under the same notification id). A
 * re-created stream is a new incarnation from an empty segment 0: it never sees an old event or event id.
 *
 * <h2>Listing</h2>
 * The instance keys of a domain/entity come from one List Blobs over {@code streams/} (5,000 names per request),
 * without streams whose segment 0 is empty (left by a first append that crashed between creating the segment and
 * appending to it: not a stream, and no obstacle to creating one) and without marked streams.
 *
 * <h2>Failures</h2>
 * Transport failures and unexpected answers of the service become a
 * {@link io.github.eventsourcing.azure.stream.BackendUnavailableException} naming the operation and the container
 * (never an instance key or a credential). When an Append Block may have reached the service (a timeout, a
 * connection lost after sending, an error answer after the SDK's retries), the append fails with an
 * {@link io.github.eventsourcing.azure.stream.AppendOutcomeUnknownException} instead, which the library settles by
 * looking for the events. Timeouts and retries are those of the {@code BlobServiceClient} given to the store.
 *
 * <p>The README's "Backends: Table or AppendBlob?" compares the two backends.
 */
package io.github.eventsourcing.azure.blob;
