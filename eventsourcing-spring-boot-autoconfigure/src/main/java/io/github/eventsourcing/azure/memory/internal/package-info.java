/**
 * An in-memory backend for users' fast tests and local experiments. It keeps every guarantee of the SPI within one
 * process (it passes the same contract suite as the Azure backends) but nothing survives a restart.
 */
package io.github.eventsourcing.azure.memory.internal;
