/**
 * The Azure Table storage backend: {@code TableEventStore}.
 *
 * <h2>Layout</h2>
 * One table per domain/entity type, named {@code <prefix><domain><entity><hash>}: the prefix
 * ({@code eventsourcing.table.table-name-prefix}), a readable lowercase part of domain and entity, and 12 hex digits
 * of the SHA-256 of the exact {@code domain/entity}, so that types differing only in case or punctuation never share a
 * table. One partition per stream, its key the instance key escaped by {@code KeyEscaping}. A stream's partition holds:
 * <table>
 *   <caption>Rows of a stream's partition</caption>
 *   <tr><th>Row key</th><th>Properties</th><th>Purpose</th></tr>
 *   <tr><td>{@code !HEAD}</td><td>{@code FormatVersion}, {@code Version}, {@code Pending}, {@code CreatedAt},
 *       {@code Domain}, {@code EntityType}, {@code PublishedVersion}</td>
 *       <td>the stream exists exactly when this row does; {@code Pending} is set by every append for the
 *       notification dispatcher, which records how far it published in {@code PublishedVersion} and clears
 *       {@code Pending} with If-Match (see {@code TableChangeFeed})</td></tr>
 *   <tr><td>{@code E-0000000001} ...</td><td>{@code FormatVersion}, {@code EventId}, {@code Name}, {@code SchemaVersion},
 *       {@code WrittenAt}, the write context ({@code Who}, {@code Source}, {@code Commentary},
 *       {@code CorrelationId}, {@code CausationId}, {@code TraceParent}, {@code RequestFingerprint}, each only when
 *       set), and the UTF-8 JSON in
 *       {@code Data}, {@code Data1}, ... of at most 64 KiB each</td><td>one event</td></tr>
 *   <tr><td>{@code ID-}<i>event id</i></td><td>{@code Sequence}, {@code AppendId}, {@code Digest}</td>
 *       <td>makes appends idempotent by event id; {@code Digest} is the event's content in 32 Base64 characters
 *       (the first 24 bytes of the SHA-256 of its UTF-8 name, a zero byte, its schema version as 4 bytes big-endian
 *       and its JSON as stored), so that a repeat is told from another event without reading the event rows</td></tr>
 *   <tr><td>{@code SN-}<i>projection name@version</i></td><td>{@code FormatVersion}, {@code Sequence}, {@code LastEventId},
 *       {@code AsOfTime}, the state's UTF-8 JSON in {@code Data}, {@code Data1}, ... like an event's</td>
 *       <td>a projection snapshot; written by itself (never in an append's transaction), read by one point read</td></tr>
 *   <tr><td>{@code !DELETING}</td><td>{@code Version}, {@code DeletionId}, {@code DeletedAt}</td>
 *       <td>a deletion is removing the rows</td></tr>
 *   <tr><td>{@code !GONE-}<i>deletion id</i></td><td>{@code Version}, {@code DeletedAt}, {@code Pending},
 *       {@code Domain}, {@code EntityType}</td>
 *       <td>tombstone for the deleted-stream notification</td></tr>
 * </table>
 * Besides the stream tables, one table {@code <prefix>deadletters} (its name ends in no hash, so it is no stream
 * table), created at the first dead letter: partition key the dead letter's kind ({@code notification},
 * {@code command}), row key its id, and the string properties {@code FormatVersion} ({@code 1}), {@code Id},
 * {@code Kind}, {@code Domain}, {@code EntityType}, {@code InstanceKey}, {@code FromSequence}, {@code ToSequence},
 * {@code Attempts}, {@code LastError}, {@code FirstFailedAt}, {@code LastFailedAt} (ISO-8601) and, when the letter has
 * details (a command letter's {@code step}), {@code Details} (a JSON object of strings; added later without a new
 * version, since older readers ignore it). Written by the notification dispatcher and the command runner, never by
 * appends (see {@code TableDeadLetters}).
 *
 * <p>And the change index, {@code <prefix>changes} (no hash either), created by its first entry: one row per stream
 * that changed recently, partition key the first hex digit of SHA-256 over {@code domain/entity/key} (16
 * partitions), row key all 64 digits, properties {@code Domain}, {@code EntityType}, {@code InstanceKey},
 * {@code FormatVersion} ({@code 1}). Written by the notification dispatcher of the writing process after the append,
 * never by appends, and removed once the stream's notifications are out (see {@code TableChangeIndex} and the
 * README's "Finding changes").
 *
 * <p>And the read models' rows, {@code <prefix>readmodels} (no hash either), created by the first row: partition key
 * {@code <model>-v<version>-g<generation>}, row keys {@code k-<key>} (a row), {@code i-<column>-<encoded value>-<key>}
 * (its index rows, copies of it) and {@code c-<bucket>} (claims of a replay); partition {@code <model>-v<version>}
 * holds the row {@code generations}. Properties {@code RowOf} (the instance key), {@code Sequence},
 * {@code c_<column>} (each value as text) and {@code FormatVersion} ({@code 1}). Written by the notification
 * dispatcher's pass and the replay, never by appends (see {@code TableReadModelStore} and the README's "Read models").
 *
 * <h2>Format versions</h2>
 * The header, event and snapshot rows carry the layout's version in {@code FormatVersion} (Edm.Int32), written in
 * the same entity as the data, so it costs no request; an append merges it into the header with its rows. A row
 * without it is version 1. A reader refuses a row of a version newer than it knows with an
 * {@link io.github.eventsourcing.azure.stream.UnsupportedStoredFormatException} and changes nothing (a snapshot row
 * of a newer version is skipped like any unusable snapshot: the fold starts from the first event). Appends do not
 * read the rows they follow, so a newer format must be introduced in two releases: first one that reads it, then
 * one that writes it.
 * <table>
 *   <caption>Versions of the Table layout</caption>
 *   <tr><th>Version</th><th>What changed</th></tr>
 *   <tr><td>1</td><td>the layout above, without {@code FormatVersion}</td></tr>
 *   <tr><td>2</td><td>{@code FormatVersion} on the header, event and snapshot rows</td></tr>
 *   <tr><td>2 (additive)</td><td>adds the dead letters' table (its rows carry {@code FormatVersion} 1); stream tables unchanged,
 *       and older code ignores the new table (an older poll queries it once per poll and finds nothing pending)</td></tr>
 *   <tr><td>3</td><td>{@code Digest} on the {@code ID-} rows (id rows carry no {@code FormatVersion}: a row
 *       without {@code Digest} was written by an earlier version, and its event is read to compare it), and
 *       {@code RequestFingerprint} on event rows whose append carried one (an idempotency key's request digest; a
 *       reader of 2 would ignore it, as it ignores every property it does not know); header, event and snapshot rows
 *       otherwise as in version 2</td></tr>
 *   <tr><td>3 (additive)</td><td>adds the change index's table (its rows carry {@code FormatVersion} 1); stream
 *       tables unchanged. Data without index rows (any older data) is found by the dispatcher's sweep; older code
 *       ignores the table (an older poll queries it and finds nothing pending)</td></tr>
 *   <tr><td>3 (additive)</td><td>adds the read models' table (its rows carry {@code FormatVersion} 1); stream
 *       tables unchanged, and older code ignores the new table</td></tr>
 * </table>
 * Data written in each version is kept as a test fixture ({@code src/test/resources/stored-format/}) that every
 * later version must read, append to and publish.
 *
 * <h2>Guarantees</h2>
 * Every append is one entity group transaction that proves the expected version itself (see {@code StreamAppend});
 * deletion marks, then cleans up resumably (see {@code StreamDeletion}); Azure's size limits are checked before
 * sending (see {@code TableLimits}), since the emulator does not enforce them all.
 *
 * <p>A repeated append (its first id row is in the way) is a replay only with the same events (name, schema version
 * and JSON). The query that tells why the transaction was turned down also reads the id rows of an append of up to
 * 12 events, and compares their digests with the events': no further request. Only id rows without a digest (written
 * before version 3), or an append of more events than one filter can look up, cost one query of the event rows
 * where a repeat would have put them, which are compared by content. Another event under a stored id fails with an
 * {@code EventIdConflictException} naming it. A transaction that may have reached the service without an answer (a
 * timeout, a connection lost after sending, an error answer after the SDK's retries) fails with an
 * {@code AppendOutcomeUnknownException}, which the library settles by looking for the events.
 */
package io.github.eventsourcing.azure.table;
