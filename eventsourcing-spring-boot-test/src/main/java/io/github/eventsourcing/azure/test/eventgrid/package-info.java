/**
 * A local stand-in for an Azure Event Grid topic ({@link io.github.eventsourcing.azure.test.eventgrid.EventGridStub}),
 * real SDK clients pointed at it, and the notifications it received, for tests of change notifications without
 * Azure. Needs {@code azure-messaging-eventgrid} on the test classpath (the starter brings it).
 */
package io.github.eventsourcing.azure.test.eventgrid;
