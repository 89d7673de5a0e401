/** Implementation of the AppendBlob backend (its layout is documented in the {@code blob} package). Not API. */
package io.github.eventsourcing.azure.blob.internal;
