package io.github.eventsourcing.azure.web.internal;

import io.github.eventsourcing.azure.command.Commands;
import io.github.eventsourcing.azure.query.Queries;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.web.ClassificationOf;
import io.github.eventsourcing.azure.web.CommandOf;
import io.github.eventsourcing.azure.web.ProjectionOf;
import io.github.eventsourcing.azure.web.StreamOf;
import org.springframework.core.env.Environment;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;
import java.util.function.Supplier;

/**
 * Registers the argument resolvers for {@link StreamOf}, {@link ProjectionOf}, {@link ClassificationOf},
 * {@link CommandOf} and {@code QueryOf} parameters. Each resolver handles only parameters carrying its annotation. The auto-configuration registers this;
 * declare it yourself only in an application without auto-configuration.
 */
public final class EventSourcingWebMvcConfigurer implements WebMvcConfigurer {

    private final EventStreams streams;
    private final Projections projections;
    private final Supplier<Commands> commands;
    private final Supplier<Queries> queries;
    private final StreamBindings bindings;

    public EventSourcingWebMvcConfigurer(EventStreams streams, Projections projections, Environment environment) {
        this(streams, projections, () -> null, () -> null, environment);
    }

    /** @param commands the commands bean, asked for on each request to a {@link CommandOf} parameter (may give null) */
    public EventSourcingWebMvcConfigurer(EventStreams streams, Projections projections, Supplier<Commands> commands,
                                         Environment environment) {
        this(streams, projections, commands, () -> null, environment);
    }

    /**
     * @param commands the commands bean, asked for on each request to a {@link CommandOf} parameter (may give null)
     * @param queries  the queries bean, asked for on each request to a {@code QueryOf} parameter (may give null)
     */
    public EventSourcingWebMvcConfigurer(EventStreams streams, Projections projections, Supplier<Commands> commands,
                                         Supplier<Queries> queries, Environment environment) {
        this.streams = streams;
        this.projections = projections;
        this.commands = commands;
        this.queries = queries;
        this.bindings = new StreamBindings(environment);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new StreamOfArgumentResolver(bindings, streams));
        resolvers.add(new ProjectionOfArgumentResolver(bindings, projections));
        resolvers.add(new ClassificationOfArgumentResolver(bindings, projections));
        resolvers.add(InstanceOfArgumentResolver.commandOf(bindings, commands));
        resolvers.add(InstanceOfArgumentResolver.queryOf(bindings, queries));
    }
}
