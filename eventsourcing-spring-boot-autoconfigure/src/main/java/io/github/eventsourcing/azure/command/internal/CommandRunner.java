package io.github.eventsourcing.azure.command.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.command.CommandExecution;
import io.github.eventsourcing.azure.command.CommandFailure;
import io.github.eventsourcing.azure.command.CommandParameters;
import io.github.eventsourcing.azure.command.CommandPausePoints;
import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.event.CommandClaimed;
import io.github.eventsourcing.azure.command.internal.CommandHandlers.Registered;
import io.github.eventsourcing.azure.concurrent.internal.EventSourcingExecutors;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands on this instance, with no coordinator: any instance runs a command once it holds its claim. Commands
 * started here run at once; the others are found through the index of open commands every {@code resume-interval}
 * (and on their own change notifications, where notifications are on), and taken over once their claim expired.
 */
public final class CommandRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);

    /** The observation of one run of one step; tagged with the command type, the step and the outcome. */
    public static final String STEP_OBSERVATION = "eventsourcing.command.step";

    private final EventStreams streams;
    private final Projections projections;
    private final CommandHandlers handlers;
    private final OpenCommandIndex index;
    private final ObjectMapper mapper;
    private final CommandSettings settings;
    private final CommandDeadLetters deadLetters;
    private final ObservationRegistry observations;
    private final Clock clock;
    private final CommandPausePoints pausePoints;
    private final Set<StreamId> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers;
    private final FanOuts fanOuts;
    private final ScheduledExecutorService scheduler;
    private volatile boolean closed;

    /** @param router where the commands' streams are stored, and so their dead letters */
    public CommandRunner(EventStreams streams, Projections projections, CommandHandlers handlers,
                         OpenCommandIndex index, ObjectMapper mapper, CommandSettings settings,
                         EventStoreRouter router, ObservationRegistry observations, Clock clock,
                         EventSourcingExecutors executors, CommandPausePoints pausePoints) {
        this.streams = streams;
        this.projections = projections;
        this.handlers = handlers;
        this.index = index;
        this.mapper = mapper;
        this.settings = settings;
        this.deadLetters = new CommandDeadLetters(router, streams, projections, clock, this::resume);
        this.observations = observations;
        this.clock = clock;
        this.pausePoints = pausePoints;
        this.workers = executors.fixed("commands-", settings.workers());
        this.fanOuts = new FanOuts(executors.fixed("commands-fan-out-", settings.fanOut().parallelism()),
                settings.fanOut(), pausePoints);
        this.scheduler = executors.scheduler("commands-resume");
    }

    /** Starts the periodic check of the index of open commands (the first one right away). */
    public void start() {
        long interval = settings.resumeInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::resumeOpenCommands, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        workers.shutdown();
        fanOuts.pool().shutdown();
    }

    /** Runs the command on a worker unless it already runs on this instance. */
    public void submit(CommandType type, String commandId) {
        StreamId command = type.instance(commandId);
        if (closed || !running.add(command)) {
            return;
        }
        try {
            workers.execute(() -> {
                try {
                    run(type, commandId);
                } catch (ClaimLostException e) {
                    log.info("Stopped running {}: another instance claimed it", command);
                } catch (Execution.SetAsideException e) {
                    log.debug("{} was set aside as a dead letter; it stays open", command);
                } catch (RuntimeException e) {
                    log.warn("Running {} failed; it stays open and is resumed later", command, e);
                } finally {
                    running.remove(command);
                }
            });
        } catch (RejectedExecutionException e) {
            running.remove(command); // shutting down
        }
    }

    /** Resumes a command whose dead letter was retried or skipped here, if this instance handles its type. */
    private void resume(CommandType type, String commandId) {
        if (handlers.types().contains(type)) {
            submit(type, commandId);
        }
    }

    /** Hands every open command of every handled type to {@link #submit}. */
    public void resumeOpenCommands() {
        for (CommandType type : handlers.types()) {
            try {
                index.openIds(type).forEach(id -> submit(type, id));
            } catch (RuntimeException e) {
                log.warn("Could not list the open commands of {}; trying again in {}", type,
                        settings.resumeInterval(), e);
            }
        }
    }

    /**
     * Runs one command as far as it gets on this thread: claims it unless another instance holds an unexpired claim or
     * it is set aside as a dead letter, then executes its steps while renewing the claim at a third of its duration.
     */
    void run(CommandType type, String commandId) {
        StreamId command = type.instance(commandId);
        EventStream stream = streams.stream(command);
        ProjectionResult<CommandExecution> state = projections.project(command, CommandExecution.class);
        if (!state.exists()) {
            closeAbandonedEntry(type, commandId);
            return;
        }
        if (state.state().getStatus().isTerminal()) {
            index.close(type, commandId);
            return;
        }
        CommandExecution.DeadLettered setAside = state.state().getDeadLettered();
        if (setAside != null) {
            deadLetters.fileIfMissing(command, setAside); // resumed once its letter is retried or skipped
            return;
        }
        Instant expiresAt = state.state().getClaimExpiresAt();
        boolean ours = settings.owner().equals(state.state().getClaimOwner()); // and not running here: see submit
        if (expiresAt != null && expiresAt.isAfter(clock.instant()) && !ours) {
            return;
        }
        Optional<Claim> claim = Claim.take(stream, state, settings.owner(), projections, clock,
                settings.claimDuration());
        if (claim.isEmpty()) {
            return;
        }
        pausePoint("after-claim", commandId);
        long renewEvery = Math.max(1, settings.claimDuration().toMillis() / 3);
        ScheduledFuture<?> renewal = scheduler.scheduleAtFixedRate(() -> renew(claim.get(), command), renewEvery,
                renewEvery, TimeUnit.MILLISECONDS);
        try {
            execute(handlers.get(type), commandId, state.state(), claim.get());
        } finally {
            renewal.cancel(false);
        }
        index.close(type, commandId);
    }

    private <P> void execute(Registered<P> registered, String commandId, CommandExecution state, Claim claim) {
        CommandType type = registered.handler().type();
        P parameters = parameters(type.instance(commandId), registered.handler().parametersType());
        new Execution<>(type, commandId, registered.steps(), parameters, state, claim, this).run();
    }

    /**
     * The claim a new command is created with, in the same append: the instance that starts a command runs it, and
     * the others' resume checks leave it alone unless that instance goes away.
     */
    CommandClaimed initialClaim() {
        return new CommandClaimed(settings.owner(), UUID.randomUUID().toString(),
                clock.instant().plus(settings.claimDuration()));
    }

    <P> P parameters(StreamId command, Class<P> parametersType) {
        CommandParameters values = projections.project(command, CommandParameters.class).state();
        return mapper.convertValue(values.getValues(), parametersType);
    }

    private void renew(Claim claim, StreamId command) {
        try {
            claim.renew();
        } catch (ClaimLostException e) {
            log.info("Lost the claim on {}; its current step's completion will not be recorded here", command);
            throw e; // ends the renewals
        } catch (RuntimeException e) {
            log.warn("Could not renew the claim on {}; trying again", command, e);
        }
    }

    /** An index entry without a command: left by a start that failed before it wrote the command. */
    private void closeAbandonedEntry(CommandType type, String commandId) {
        Optional<Instant> openedAt = index.openedAt(type, commandId);
        if (openedAt.isPresent() && openedAt.get().plus(settings.claimDuration()).isBefore(clock.instant())) {
            index.close(type, commandId);
        }
    }

    <P> RunningStep<P> context(CommandType type, String commandId, String step, int attempt, P parameters,
                               Map<String, Map<String, String>> outputs, Claim claim) {
        return new RunningStep<>(type, commandId, step, attempt, parameters, Map.copyOf(outputs), claim, streams,
                projections, mapper, fanOuts);
    }

    /** Runs a step's code in an observation; the error it threw, or null. */
    Throwable observeStep(CommandType type, String step, StepCall call) {
        Observation observation = Observation.createNotStarted(STEP_OBSERVATION, observations)
                .lowCardinalityKeyValue("command.type", type.toString())
                .lowCardinalityKeyValue("command.step", step)
                .start();
        Throwable error = null;
        try (Observation.Scope scope = observation.openScope()) {
            call.run();
        } catch (Exception e) {
            error = e;
            observation.error(e);
        } finally {
            observation.lowCardinalityKeyValue("outcome", error == null ? "completed"
                    : error instanceof CommandFailure ? "refused" : "error");
            observation.stop();
        }
        return error;
    }

    void pausePoint(String name, String commandId) {
        pausePoints.reached(name, commandId);
    }

    CommandSettings settings() {
        return settings;
    }

    /** The rules of command dead letters, which this runner files. */
    public CommandDeadLetters deadLetters() {
        return deadLetters;
    }

    /** A step's code, called once. */
    @FunctionalInterface
    interface StepCall {
        void run() throws Exception;
    }
}
