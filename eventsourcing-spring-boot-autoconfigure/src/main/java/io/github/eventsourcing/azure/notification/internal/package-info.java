/** Implementation of change notifications: dispatching, Event Grid publishing, the webhook and listener calls. Not API. */
package io.github.eventsourcing.azure.notification.internal;
