/** Implementation of read models: keeping rows up to date, their keys and encodings, queries. */
package io.github.eventsourcing.azure.readmodel.internal;
