/** Auto-configuration of queries. */
package io.github.eventsourcing.azure.autoconfigure.query;
