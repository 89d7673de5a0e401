package io.github.eventsourcing.azure.autoconfigure.web;

import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.command.Commands;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.internal.StreamTypeRules;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.web.internal.EventSourcingWebMvcConfigurer;
import io.github.eventsourcing.azure.web.internal.EventStoreExceptionHandler;
import io.github.eventsourcing.azure.web.internal.StreamBindingValidator;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Spring MVC binding: controller parameters annotated with {@code @StreamOf}, {@code @ProjectionOf} and
 * {@code @ClassificationOf}, checked at start-up, and problem-detail answers for the event store's exceptions.
 */
@AutoConfiguration(after = EventSourcingAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, WebMvcConfigurer.class})
@ConditionalOnBean({EventStreams.class, Projections.class})
@EnableConfigurationProperties(EventSourcingWebProperties.class)
public final class EventSourcingWebMvcAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventSourcingWebMvcConfigurer eventSourcingWebMvcConfigurer(EventStreams streams, Projections projections,
                                                                ObjectProvider<Commands> commands,
                                                                Environment environment) {
        return new EventSourcingWebMvcConfigurer(streams, projections, commands::getIfUnique, environment);
    }

    /** Checks every binding once all request mappings are registered, while the context is still starting. */
    @Bean
    SmartInitializingSingleton eventSourcingStreamBindingCheck(ApplicationContext context, Environment environment,
                                                                ObjectProvider<EventStoreRouter> router) {
        return () -> {
            // Asks the router bean, whichever it is: a router of the application's own answers for itself (a
            // decorating one forwards the question), and without a router every type counts as covered.
            EventStoreRouter routes = router.getIfUnique();
            StreamBindingValidator validator = new StreamBindingValidator(environment,
                    type -> routes == null || routes.covers(type), StreamTypeRules::candidateKeys);
            for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
                validator.validate(mapping.getHandlerMethods());
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "eventsourcing.web.problem-details.enabled", matchIfMissing = true)
    EventStoreExceptionHandler eventStoreExceptionHandler() {
        return new EventStoreExceptionHandler();
    }

    /** Lets an encoded slash and backslash through an embedded Tomcat, for keys with either in a URI variable. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tomcat.class)
    @ConditionalOnBooleanProperty("eventsourcing.web.allow-encoded-slash")
    static class EncodedSlashConfiguration {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> eventSourcingEncodedSlashCustomizer() {
            // Kept encoded, %2F and %5C do not change the path Tomcat maps; Spring MVC's path patterns decode them
            // into the URI variable only. (Decoded, a backslash makes Tomcat refuse the path as invalid.)
            return factory -> factory.addConnectorCustomizers(connector -> {
                connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
                connector.setEncodedReverseSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
            });
        }
    }
}
