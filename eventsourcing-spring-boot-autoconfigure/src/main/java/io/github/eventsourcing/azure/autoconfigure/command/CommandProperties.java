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

    /** How fan-out steps (a step over many instances) run. */
    private final FanOut fanOut = new FanOut();

    public FanOut getFanOut() {
        return fanOut;
    }

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

    /** How fan-out steps run ({@code CommandSteps.forEachInstance}). */
    public static class FanOut {

        /** How many instances of fan-out steps one instance works on at once (over all its fan-outs). */
        private int parallelism = 8;

        /** How many times the instances that failed with an error are tried again before they count as failed. */
        private int retryPasses = 1;

        /**
         * At most this many instance outcomes go into one event of the command's stream (fewer when their text nears
         * 32 KiB), so a run over thousands of instances stays a short stream.
         */
        private int outcomesPerEvent = 100;

        /** Outcomes waiting this long are recorded even when there are fewer than outcomes-per-event. */
        private Duration recordInterval = Duration.ofSeconds(1);

        public int getParallelism() {
            return parallelism;
        }

        public void setParallelism(int parallelism) {
            this.parallelism = parallelism;
        }

        public int getRetryPasses() {
            return retryPasses;
        }

        public void setRetryPasses(int retryPasses) {
            this.retryPasses = retryPasses;
        }

        public int getOutcomesPerEvent() {
            return outcomesPerEvent;
        }

        public void setOutcomesPerEvent(int outcomesPerEvent) {
            this.outcomesPerEvent = outcomesPerEvent;
        }

        public Duration getRecordInterval() {
            return recordInterval;
        }

        public void setRecordInterval(Duration recordInterval) {
            this.recordInterval = recordInterval;
        }
    }
}
