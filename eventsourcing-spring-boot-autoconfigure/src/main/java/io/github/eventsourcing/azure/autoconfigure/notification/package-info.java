/**
 * Spring Boot auto-configuration of change notifications ({@code eventsourcing.notifications.*}): publishing to Azure
 * Event Grid ({@link io.github.eventsourcing.azure.autoconfigure.notification.NotificationAutoConfiguration}) and the
 * webhook for {@code @NotificationListener} methods
 * ({@link io.github.eventsourcing.azure.autoconfigure.notification.NotificationWebhookAutoConfiguration}). Both are off
 * unless switched on.
 */
package io.github.eventsourcing.azure.autoconfigure.notification;
