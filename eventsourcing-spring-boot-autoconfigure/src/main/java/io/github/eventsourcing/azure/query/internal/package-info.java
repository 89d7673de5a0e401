/** Implementation of queries: the command a query runs as, its outputs, its health. Not API. */
package io.github.eventsourcing.azure.query.internal;
