/**
 * Change notifications through Azure Event Grid: publishing them for every change of the application's event
 * streams, and reacting to them with {@link io.github.eventsourcing.azure.notification.NotificationListener} methods.
 *
 * <h2>What is published</h2>
 * <table>
 *   <caption>Notifications, with event type and subject (data version 1.0)</caption>
 *   <tr><th>kind</th><th>event type</th><th>subject</th><th>delivery</th></tr>
 *   <tr><td>new entity</td><td>{@code {Domain}.{Entity}.NewEntity}</td>
 *       <td>{@code eventsourcing/{Domain}/{Entity}/{InstanceKey}}</td><td>at least once</td></tr>
 *   <tr><td>deleted entity</td><td>{@code {Domain}.{Entity}.DeletedEntity}</td><td>same</td><td>at least once</td></tr>
 *   <tr><td>new event</td><td>{@code {Domain}.{Entity}.{EventName}}</td>
 *       <td>{@code eventsourcing/{Domain}/{Entity}/{EventName}/{InstanceKey}}</td><td>at least once</td></tr>
 *   <tr><td>projection completed</td><td>{@code {Domain}.{Entity}.{ProjectionName}}</td>
 *       <td>projection name in the event slot</td><td>best effort</td></tr>
 *   <tr><td>classification completed</td><td>{@code {Domain}.{Entity}.{ClassificationName}}</td>
 *       <td>likewise</td><td>best effort</td></tr>
 * </table>
 * The scheme is the original library's, so existing Event Grid subscriptions keep working. Names go into event types
 * verbatim ({@code Bank.Account.Money Deposited}); instance keys are percent-encoded in subjects
 * ({@link io.github.eventsourcing.azure.notification.NotificationNames}). The data is camelCase JSON, the same in the
 * EventGridEvent and the CloudEvents 1.0 schema, with fields absent when null:
 * <pre>
 * every kind                kind, domain, entityType, instanceKey
 * NewEntity                 createdAt, commentary, who, source, correlationId, causationId, traceParent
 * DeletedEntity             deletedAt, version
 * NewEvent                  eventType (the business name), eventId, sequenceNumber, schemaVersion, writtenAt,
 *                           commentary, who, source, correlationId, causationId, traceParent, eventPayload
 * ProjectionCompleted       projectionName, asOfSequence, asOfTime, completedAt, state
 * ClassificationCompleted   classificationName, included, wasEverIncluded, wasEverExcluded, asOfSequence, asOfTime,
 *                           completedAt, parameters
 * </pre>
 * Event payloads are embedded exactly as stored (decimals keep every digit); projection states as their fields.
 * The write context's {@code traceparent} and correlation id travel in the data, and as CloudEvents extension
 * attributes {@code traceparent} and {@code correlationid}.
 *
 * <h2>Nothing lost for writes</h2>
 * A durable backend records, in the same atomic operation as each append or deletion, that the stream has
 * unpublished changes ({@link io.github.eventsourcing.azure.spi.ChangeFeed}). The
 * {@code NotificationDispatcher} publishes from that record and then moves
 * the published mark, so an append that succeeded is announced at least once even when Event Grid is down for a while
 * or the process dies right after the append. It is kicked right after each write in this process (low latency) and
 * polls the storage for what it missed (writes of instances that died, restarts). A poll reads only the backend's
 * {@linkplain io.github.eventsourcing.azure.spi.ChangeIndex index of recently changed streams}, so it costs what
 * changed, not what is stored; a slow sweep ({@code dispatch.sweep-interval}, hourly, and at start) searches all of
 * the storage for changes whose index entry a crash lost. The design, its costs, and how read models are to share
 * it: the README's "Finding changes". Publishing never blocks or fails a write. Writes to the in-memory store are
 * published straight away, best effort.
 *
 * <p>Ids are stable, name-based UUIDs of what a notification announces (stream, incarnation, sequence): every
 * dispatcher computes the same id for the same change, so subscribers drop duplicates by id, and a stream re-created
 * after a deletion gets new ids. A stream's new-entity notification goes out in the same request as, or an earlier
 * one than, the notification of its first event. Events deleted before their notifications went out are not
 * announced one by one; the deleted-entity notification says how many events the stream had.
 *
 * <h2>Failures</h2>
 * A failure of one stream (its storage, or notifications the topic refuses for it) backs off that stream alone; an
 * unreachable topic (no answer, 5xx, 408, 429, 401, 403, 404) pauses all publishing for at most
 * {@code dispatch.max-topic-pause}. A published mark that loses its race with appends is retried alone: the
 * dispatcher remembers what it published, so it is not published again by this process. Notifications that cannot
 * be built, or that the topic refuses {@code dispatch.max-attempts} times, become a
 * {@link io.github.eventsourcing.azure.spi.DeadLetter} kept in the store's
 * {@link io.github.eventsourcing.azure.spi.DeadLetterStore}; the stream's later notifications wait behind it (order
 * kept, other streams unaffected) until it is retried or skipped through {@link
 * io.github.eventsourcing.azure.deadletter.DeadLetters} or the Actuator endpoint {@code eventsourcingdeadletters}.
 *
 * <h2>Reacting to notifications</h2>
 * The {@code EventGridWebhook} is the endpoint an Event Grid subscription
 * delivers to (both schemas, with the validation handshakes, behind a shared secret). It hands each notification to
 * the matching listener methods through the {@code NotificationReceiver},
 * each id to each method once per process, and answers with an error when a method failed so that Event Grid
 * delivers again.
 */
package io.github.eventsourcing.azure.notification;
