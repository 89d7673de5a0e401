/** What the library's own threads share: back-off between retries and the library's named executors. Not API. */
package io.github.eventsourcing.azure.concurrent.internal;
