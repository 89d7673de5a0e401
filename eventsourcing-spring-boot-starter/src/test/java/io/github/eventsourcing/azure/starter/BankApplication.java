package io.github.eventsourcing.azure.starter;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The smallest application built on the starter alone: its whole event-sourcing setup is {@code application.yml}
 * (plus the storage connection string, which the test injects).
 */
@SpringBootApplication
public class BankApplication {
}
