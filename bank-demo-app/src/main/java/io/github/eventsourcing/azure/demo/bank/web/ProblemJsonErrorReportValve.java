package io.github.eventsourcing.azure.demo.bank.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's error report, as a problem detail instead of an HTML page. Tomcat answers some requests before any
 * application code sees them (a path with {@code %5C} or {@code %00}, a header too large to read); the report it
 * writes for those is this one. It follows {@link ErrorReportValve#report}'s rules on when to write at all.
 */
class ProblemJsonErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemJsonErrorReportValve.class);

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        int status = StatusProblems.answered(response.getStatus());
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setStatus(status);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(StatusProblems.json(status));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("The error report for status {} could not be written", status, e);
        }
    }
}
