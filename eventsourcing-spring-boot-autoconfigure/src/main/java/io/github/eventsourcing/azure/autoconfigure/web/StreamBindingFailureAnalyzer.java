package io.github.eventsourcing.azure.autoconfigure.web;

import io.github.eventsourcing.azure.web.InvalidStreamBindingException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints which controller parameter cannot be bound to a stream, and what to change. */
class StreamBindingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidStreamBindingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidStreamBindingException cause) {
        return new FailureAnalysis(cause.description(), cause.action(), cause);
    }
}
