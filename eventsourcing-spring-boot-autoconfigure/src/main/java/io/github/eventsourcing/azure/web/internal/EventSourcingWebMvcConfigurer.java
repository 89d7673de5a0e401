package io.github.eventsourcing.azure.web.internal;

import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.web.ClassificationOf;
import io.github.eventsourcing.azure.web.ProjectionOf;
import io.github.eventsourcing.azure.web.StreamOf;
import org.springframework.core.env.Environment;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * Registers the argument resolvers for {@link StreamOf}, {@link ProjectionOf} and {@link ClassificationOf}
 * parameters. Each resolver handles only parameters carrying its annotation. The auto-configuration registers this;
 * declare it yourself only in an application without auto-configuration.
 */
public final class EventSourcingWebMvcConfigurer implements WebMvcConfigurer {

    private final EventStreams streams;
    private final Projections projections;
    private final StreamBindings bindings;

    public EventSourcingWebMvcConfigurer(EventStreams streams, Projections projections, Environment environment) {
        this.streams = streams;
        this.projections = projections;
        this.bindings = new StreamBindings(environment);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new StreamOfArgumentResolver(bindings, streams));
        resolvers.add(new ProjectionOfArgumentResolver(bindings, projections));
        resolvers.add(new ClassificationOfArgumentResolver(bindings, projections));
    }
}
