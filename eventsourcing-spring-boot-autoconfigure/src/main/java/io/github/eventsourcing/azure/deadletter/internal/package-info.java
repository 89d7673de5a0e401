/** What every backend's dead letters have in common: their stored fields. Not API. */
package io.github.eventsourcing.azure.deadletter.internal;
