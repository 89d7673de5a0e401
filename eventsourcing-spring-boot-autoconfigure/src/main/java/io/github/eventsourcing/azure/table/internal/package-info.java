/** Implementation of the Azure Table storage backend (its layout is documented in the {@code table} package). Not API. */
package io.github.eventsourcing.azure.table.internal;
