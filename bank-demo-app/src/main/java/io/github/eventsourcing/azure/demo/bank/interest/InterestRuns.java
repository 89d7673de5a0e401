package io.github.eventsourcing.azure.demo.bank.interest;

import io.github.eventsourcing.azure.command.CommandExecution;
import io.github.eventsourcing.azure.command.CommandInstance;
import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.Commands;
import io.github.eventsourcing.azure.command.FanOutResults;
import io.github.eventsourcing.azure.command.InvalidCommandIdException;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.stream.EventStreams;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Interest runs as the API shows them: status and counts, folded from each run's own stream. */
@Service
public class InterestRuns {

    private final Commands commands;
    private final EventStreams streams;
    private final Projections projections;

    public InterestRuns(Commands commands, EventStreams streams, Projections projections) {
        this.commands = commands;
        this.streams = streams;
        this.projections = projections;
    }

    /** The run, when there is one with this id. */
    public Optional<RunView> find(String id) {
        try {
            CommandType.requireCommandId(id);
        } catch (InvalidCommandIdException e) {
            return Optional.empty(); // an id no run can have names no run
        }
        return view(commands.instance(AccrueInterest.TYPE, id));
    }

    /** The latest runs, newest first. */
    public List<RunView> latest(int count) {
        return streams.instanceKeys(AccrueInterest.TYPE.streamType().domain(),
                        AccrueInterest.TYPE.streamType().entityType()).stream()
                .map(id -> view(commands.instance(AccrueInterest.TYPE, id)))
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(RunView::startedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(count)
                .toList();
    }

    private Optional<RunView> view(CommandInstance run) {
        ProjectionResult<CommandExecution> execution = run.execution();
        if (!execution.exists()) {
            return Optional.empty();
        }
        Map<String, Integer> counts = projections.project(run.streamId(), FanOutResults.class).state()
                .countsOf(AccrueInterest.STEP);
        // Every run ends completed (failed accounts are counted, not fatal); any other end still is an end.
        String status = execution.state().getStatus().isTerminal() ? "completed" : "running";
        return Optional.of(new RunView(run.id(), status, counts.getOrDefault(AccrueInterest.ACCRUED, 0),
                counts.getOrDefault(AccrueInterest.SKIPPED, 0), counts.getOrDefault(FanOutResults.FAILED, 0),
                execution.state().getCreatedAt()));
    }

    /**
     * One run.
     *
     * @param status  {@code running} or {@code completed}
     * @param accrued accounts accrued by this run
     * @param skipped accounts already accrued for the day (or closed meanwhile)
     * @param failed  accounts that failed in every pass (logged; a later run retries them)
     */
    public record RunView(String id, String status, int accrued, int skipped, int failed,
                          @com.fasterxml.jackson.annotation.JsonIgnore Instant startedAt) {
    }
}
