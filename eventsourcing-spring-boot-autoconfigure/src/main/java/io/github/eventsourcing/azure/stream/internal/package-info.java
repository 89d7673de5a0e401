/** Implementation of the event streams over the backend SPI: serialization, event type names, the stream API. Not API. */
package io.github.eventsourcing.azure.stream.internal;
