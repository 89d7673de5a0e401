/** Implementation of the Spring MVC binding: argument resolvers, binding templates and checks, error mapping. Not API. */
package io.github.eventsourcing.azure.web.internal;
