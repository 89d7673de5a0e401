package io.github.eventsourcing.azure.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints what is wrong with the {@code eventsourcing.*} configuration and what to change. */
class EventSourcingConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidEventSourcingConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidEventSourcingConfigurationException cause) {
        return new FailureAnalysis(cause.description(), cause.action(), cause);
    }
}
