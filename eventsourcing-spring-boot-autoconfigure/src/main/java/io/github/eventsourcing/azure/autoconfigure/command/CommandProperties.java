package io.github.eventsourcing.azure.autoconfigure.command;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** How commands run ({@code io.github.eventsourcing.azure.command}). */
@ConfigurationProperties("eventsourcing.commands")
public class CommandProperties {

    /**
     * How long an instance's claim on a command lasts unless renewed; it is renewed at a third of this. After a crash,
     * another instance takes the command over once the claim expired: within claim-duration + resume-interval.
     */
    private Duration claimDuration = Duration.ofSeconds(30);

    /** How often each instance checks the index of open commands for commands to resume. */
    private Duration resumeInterval = Duration.ofSeconds(10);

    /**
     * How many times in a row a step or compensation runs after errors before the command is set aside in the
     * dead-letter record (not resumed until the letter is retried or skipped).
     */
    private int maxAttempts = 5;

    /** How many commands one instance runs at once. */
    private int workers = 4;

    public Duration getClaimDuration() {
        return claimDuration;
    }

    public void setClaimDuration(Duration claimDuration) {
        this.claimDuration = claimDuration;
    }

    public Duration getResumeInterval() {
        return resumeInterval;
    }

    public void setResumeInterval(Duration resumeInterval) {
        this.resumeInterval = resumeInterval;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public int getWorkers() {
        return workers;
    }

    public void setWorkers(int workers) {
        this.workers = workers;
    }
}
