/** Implementation of the health indicators. Not API. */
package io.github.eventsourcing.azure.actuate.internal;
