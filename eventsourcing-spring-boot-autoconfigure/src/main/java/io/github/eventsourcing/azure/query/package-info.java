/**
 * Queries: one question asked of many streams, with a stream of its own that records the question, each answer and
 * the collated result, so that it survives crashes and can be audited.
 *
 * <p>A {@link io.github.eventsourcing.azure.query.QueryHandler} bean declares a query type: its targets, what it
 * requests of each (a projection or a classification) and its
 * {@link io.github.eventsourcing.azure.query.QueryCollation}, a projection over the query's own stream that folds the
 * values returned into the result. A query runs as a command (see
 * {@link io.github.eventsourcing.azure.query.QueryType} for the address scheme), so it shares the commands' claims,
 * resumption, dead letters and health. The {@link io.github.eventsourcing.azure.query.Queries} bean starts and reads
 * queries; results are delivered to the outputs named in {@code eventsourcing.queries.*}, and only there.
 */
package io.github.eventsourcing.azure.query;
