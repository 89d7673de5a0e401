package io.github.eventsourcing.azure.autoconfigure.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.InvalidEventSourcingConfigurationException;
import io.github.eventsourcing.azure.command.CommandHandler;
import io.github.eventsourcing.azure.command.CommandPausePoints;
import io.github.eventsourcing.azure.command.CommandType;
import io.github.eventsourcing.azure.command.Commands;
import io.github.eventsourcing.azure.command.internal.CommandEvents;
import io.github.eventsourcing.azure.command.internal.CommandDeadLetters;
import io.github.eventsourcing.azure.command.internal.CommandHandlerSource;
import io.github.eventsourcing.azure.command.internal.CommandHandlers;
import io.github.eventsourcing.azure.command.internal.CommandNotificationTrigger;
import io.github.eventsourcing.azure.command.internal.CommandRunner;
import io.github.eventsourcing.azure.command.internal.CommandSettings;
import io.github.eventsourcing.azure.command.internal.CommandsHealthIndicator;
import io.github.eventsourcing.azure.command.internal.DefaultCommands;
import io.github.eventsourcing.azure.command.internal.FanOutSettings;
import io.github.eventsourcing.azure.command.internal.OpenCommandIndex;
import io.github.eventsourcing.azure.command.internal.RecentCommandList;
import io.github.eventsourcing.azure.concurrent.internal.EventSourcingExecutors;
import io.github.eventsourcing.azure.concurrent.internal.EventSourcingExecutorsConfiguration;
import io.github.eventsourcing.azure.deadletter.DeadLetters;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.spi.DeadLetter;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Commands, when the application declares {@link CommandHandler} beans: the {@link Commands} bean, the runner that
 * runs them on this instance (and resumes the open ones every {@code eventsourcing.commands.resume-interval}), the
 * trigger that resumes a command on its own change notification, the rules of command dead letters, and the
 * {@code commands} health indicator.
 */
@AutoConfiguration(after = EventSourcingAutoConfiguration.class)
@ConditionalOnBean({EventStreams.class, Projections.class})
@Conditional(CommandAutoConfiguration.OnCommandHandlers.class)
@EnableConfigurationProperties(CommandProperties.class)
@Import(EventSourcingExecutorsConfiguration.class)
public final class CommandAutoConfiguration {

    @Bean
    CommandHandlers commandHandlers(ObjectProvider<CommandHandler<?>> beans,
                                    ObjectProvider<CommandHandlerSource> sources, EventStoreRouter router,
                                    ObjectProvider<EventTypeRegistry> eventTypes) {
        List<CommandHandler<?>> handlers = new ArrayList<>(beans.orderedStream().toList());
        sources.orderedStream().forEach(source -> handlers.addAll(source.commandHandlers()));
        EventTypeRegistry registry = eventTypes.getIfAvailable();
        if (registry != null) {
            CommandEvents.TYPES.forEach(registry::register);
        }
        CommandHandlers registered;
        try {
            registered = new CommandHandlers(handlers);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventSourcingConfigurationException(e.getMessage() + ".",
                    "Give each command type one CommandHandler bean, with uniquely named steps.");
        }
        for (CommandType type : registered.types()) {
            requireRule(router, type.streamType());
            requireRule(router, type.openIndexType());
            requireRule(router, type.recentListType());
        }
        return registered;
    }

    private static void requireRule(EventStoreRouter router, StreamId.StreamType type) {
        if (!router.covers(type)) {
            throw new InvalidEventSourcingConfigurationException("No eventsourcing.streams rule covers " + type
                    + ", where commands of a CommandHandler bean are stored.",
                    "Add a rule for eventsourcing.streams.[" + type.domain() + ".ALL] (or [" + type + "], or "
                            + "[ALL.ALL]) naming the backend for the domain's commands.");
        }
    }

    @Bean
    OpenCommandIndex openCommandIndex(EventStreams streams) {
        return new OpenCommandIndex(streams);
    }

    @Bean
    RecentCommandList recentCommandList(EventStreams streams) {
        return new RecentCommandList(streams);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    CommandRunner commandRunner(EventStreams streams, Projections projections, CommandHandlers handlers,
                                OpenCommandIndex index,
                                @Qualifier(EventSourcingAutoConfiguration.STORAGE_OBJECT_MAPPER_BEAN_NAME)
                                ObjectMapper storageMapper,
                                CommandProperties properties, EventStoreRouter router,
                                ObjectProvider<ObservationRegistry> observations, ObjectProvider<Clock> clock,
                                EventSourcingExecutors executors, ObjectProvider<CommandPausePoints> pausePoints) {
        return new CommandRunner(streams, projections, handlers, index, storageMapper, settings(properties),
                router, observations.getIfUnique(() -> ObservationRegistry.NOOP),
                clock.getIfUnique(Clock::systemUTC), executors, pausePoints.getIfUnique(() -> (point, id) -> { }));
    }

    /** The rules of command dead letters, for the {@code DeadLetters} bean (the runner files them). */
    @Bean
    CommandDeadLetters commandDeadLetters(CommandRunner runner) {
        return runner.deadLetters();
    }

    static CommandSettings settings(CommandProperties properties) {
        requirePositive("eventsourcing.commands.claim-duration", properties.getClaimDuration(), Duration.ofSeconds(1));
        requirePositive("eventsourcing.commands.resume-interval", properties.getResumeInterval(),
                Duration.ofMillis(1));
        if (properties.getMaxAttempts() < 1) {
            throw new InvalidEventSourcingConfigurationException("eventsourcing.commands.max-attempts is "
                    + properties.getMaxAttempts() + ": a step must be allowed to run at least once.",
                    "Set eventsourcing.commands.max-attempts to 1 or more (default 5).");
        }
        if (properties.getWorkers() < 1) {
            throw new InvalidEventSourcingConfigurationException("eventsourcing.commands.workers is "
                    + properties.getWorkers() + ": no command could run.",
                    "Set eventsourcing.commands.workers to 1 or more (default 4).");
        }
        return new CommandSettings(properties.getClaimDuration(), properties.getResumeInterval(),
                properties.getMaxAttempts(), properties.getWorkers(), owner(), fanOutSettings(properties.getFanOut()));
    }

    private static FanOutSettings fanOutSettings(CommandProperties.FanOut fanOut) {
        requireAtLeast("eventsourcing.commands.fan-out.parallelism", fanOut.getParallelism(), 1, 8);
        requireAtLeast("eventsourcing.commands.fan-out.retry-passes", fanOut.getRetryPasses(), 0, 1);
        requireAtLeast("eventsourcing.commands.fan-out.outcomes-per-event", fanOut.getOutcomesPerEvent(), 1, 100);
        requirePositive("eventsourcing.commands.fan-out.record-interval", fanOut.getRecordInterval(),
                Duration.ofMillis(1));
        return new FanOutSettings(fanOut.getParallelism(), fanOut.getRetryPasses(), fanOut.getOutcomesPerEvent(),
                fanOut.getRecordInterval());
    }

    private static void requireAtLeast(String property, int value, int least, int byDefault) {
        if (value < least) {
            throw new InvalidEventSourcingConfigurationException(property + " is " + value + ": it must be at least "
                    + least + ".", "Set " + property + " to " + least + " or more (default " + byDefault + ").");
        }
    }

    private static void requirePositive(String property, Duration value, Duration least) {
        if (value == null || value.compareTo(least) < 0) {
            throw new InvalidEventSourcingConfigurationException(property + " is " + value + ": it must be at least "
                    + least + ".", "Set " + property + " to a duration of at least " + least + ", e.g. 30s.");
        }
    }

    /** The host and process, readable in the command's history, and a random part that tells restarts apart. */
    private static String owner() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Bean
    @ConditionalOnMissingBean(Commands.class)
    DefaultCommands commands(EventStreams streams, Projections projections, CommandHandlers handlers,
                             OpenCommandIndex index, RecentCommandList recent, CommandRunner runner,
                             @Qualifier(EventSourcingAutoConfiguration.STORAGE_OBJECT_MAPPER_BEAN_NAME)
                             ObjectMapper storageMapper) {
        return new DefaultCommands(streams, projections, handlers, index, recent, runner, storageMapper);
    }

    /** Picked up by the notification webhook's listener scan when the webhook is on; idle otherwise. */
    @Bean
    CommandNotificationTrigger commandNotificationTrigger(CommandHandlers handlers, CommandRunner runner) {
        return new CommandNotificationTrigger(handlers, runner);
    }

    /** Command handler beans, or handlers from a source (queries, which run as commands). */
    static final class OnCommandHandlers extends AnyNestedCondition {

        OnCommandHandlers() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(CommandHandler.class)
        static final class HandlerBeans {
        }

        @ConditionalOnBean(CommandHandlerSource.class)
        static final class HandlerSources {
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("commands")
    static class CommandsHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "commandsHealthIndicator")
        CommandsHealthIndicator commandsHealthIndicator(CommandHandlers handlers, OpenCommandIndex index,
                                                        ObjectProvider<DeadLetters> deadLetters,
                                                        ObjectProvider<Clock> clock) {
            return new CommandsHealthIndicator(handlers, index, () -> deadLetters.stream()
                    .flatMap(letters -> letters.list(DeadLetter.COMMAND).stream()).toList(),
                    clock.getIfUnique(Clock::systemUTC));
        }
    }
}
