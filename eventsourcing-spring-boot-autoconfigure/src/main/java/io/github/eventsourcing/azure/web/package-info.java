/**
 * Spring MVC binding: controller method parameters annotated with {@link io.github.eventsourcing.azure.web.StreamOf},
 * {@link io.github.eventsourcing.azure.web.ProjectionOf} or {@link io.github.eventsourcing.azure.web.ClassificationOf}
 * receive the stream, projection or classification of the instance the request addresses.
 */
package io.github.eventsourcing.azure.web;
