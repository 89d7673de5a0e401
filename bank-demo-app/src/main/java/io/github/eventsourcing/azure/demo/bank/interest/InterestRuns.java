package io.github.eventsourcing.azure.demo.bank.interest;

import io.github.eventsourcing.azure.command.CommandExecution;
import io.github.eventsourcing.azure.command.CommandInstance;
import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.Commands;
import io.github.eventsourcing.azure.command.FanOutResults;
import io.github.eventsourcing.azure.command.InvalidCommandIdException;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Interest runs as the API shows them: status and counts, folded from each run's own stream. */
@Service
public class InterestRuns {

    private final Commands commands;
    private final Projections projections;

    public InterestRuns(Commands commands, Projections projections) {
        this.commands = commands;
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

    /**
     * The latest runs, newest first, from the library's list of recently started commands: its cost depends on
     * {@code count}, not on how many runs there ever were.
     */
    public List<RunView> latest(int count) {
        return commands.recentCommandIds(AccrueInterest.TYPE, count).stream()
                .map(id -> view(commands.instance(AccrueInterest.TYPE, id)))
                .flatMap(Optional::stream) // listed by a start that failed before it recorded the run
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
                counts.getOrDefault(AccrueInterest.SKIPPED, 0), counts.getOrDefault(FanOutResults.FAILED, 0)));
    }

    /**
     * One run.
     *
     * @param status  {@code running} or {@code completed}
     * @param accrued accounts accrued by this run
     * @param skipped accounts already accrued for the day (or closed meanwhile)
     * @param failed  accounts that failed in every pass (logged; a later run retries them)
     */
    public record RunView(String id, String status, int accrued, int skipped, int failed) {
    }
}
