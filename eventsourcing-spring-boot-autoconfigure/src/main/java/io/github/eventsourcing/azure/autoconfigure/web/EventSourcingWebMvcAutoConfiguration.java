package io.github.eventsourcing.azure.autoconfigure.web;

import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.command.Commands;
import io.github.eventsourcing.azure.query.Queries;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.internal.StreamTypeRules;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.web.IdempotentRequests;
import io.github.eventsourcing.azure.web.RequestUser;
import io.github.eventsourcing.azure.web.internal.DefaultIdempotentRequests;
import io.github.eventsourcing.azure.web.internal.EventSourcingWebMvcConfigurer;
import io.github.eventsourcing.azure.web.internal.IdempotentRequestArgumentResolver;
import io.github.eventsourcing.azure.web.internal.EventStoreExceptionHandler;
import io.github.eventsourcing.azure.web.internal.StreamBindingValidator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
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
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.List;

/**
 * Spring MVC binding: controller parameters annotated with {@code @StreamOf}, {@code @ProjectionOf} and
 * {@code @ClassificationOf}, checked at start-up, {@code IdempotentRequest} parameters, and problem-detail answers
 * for the event store's exceptions.
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
                                                                ObjectProvider<Queries> queries,
                                                                Environment environment) {
        return new EventSourcingWebMvcConfigurer(streams, projections, commands::getIfUnique, queries::getIfUnique,
                environment);
    }

    /** Makes {@code Idempotency-Key} requests; the users of their scopes come from the {@link RequestUser} bean. */
    @Bean
    @ConditionalOnMissingBean
    IdempotentRequests idempotentRequests(ObjectProvider<RequestUser> user,
                                          @Qualifier(EventSourcingAutoConfiguration.STORAGE_OBJECT_MAPPER_BEAN_NAME)
                                          ObjectMapper storageMapper) {
        return new DefaultIdempotentRequests(user.getIfUnique(RequestUser::principal), storageMapper);
    }

    @Bean
    WebMvcConfigurer eventSourcingIdempotentRequestConfigurer(IdempotentRequests requests) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new IdempotentRequestArgumentResolver(requests));
            }
        };
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
