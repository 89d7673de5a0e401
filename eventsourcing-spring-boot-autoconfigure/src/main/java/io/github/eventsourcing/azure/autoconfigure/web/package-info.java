/**
 * Auto-configuration of the Spring MVC binding ({@link io.github.eventsourcing.azure.web}) in servlet web
 * applications.
 */
package io.github.eventsourcing.azure.autoconfigure.web;
