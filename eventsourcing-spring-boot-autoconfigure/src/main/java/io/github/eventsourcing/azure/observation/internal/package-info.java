/** Implementation of the Micrometer observations: the observed store, publisher and projections. Not API. */
package io.github.eventsourcing.azure.observation.internal;
