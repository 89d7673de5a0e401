package io.github.eventsourcing.azure.autoconfigure.web;

import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.InMemoryEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.web.internal.EventSourcingWebMvcConfigurer;
import io.github.eventsourcing.azure.web.internal.EventStoreExceptionHandler;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.web.servlet.DispatcherServlet;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("EventSourcingWebMvcAutoConfiguration")
class EventSourcingWebMvcAutoConfigurationTests {

    private static final AutoConfigurations AUTO_CONFIGURATIONS = AutoConfigurations.of(
            EventSourcingAutoConfiguration.class, InMemoryEventStoreAutoConfiguration.class,
            EventSourcingWebMvcAutoConfiguration.class);

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AUTO_CONFIGURATIONS);

    @Test
    @DisplayName("registers the argument resolvers and the problem-detail handler in a servlet web application")
    void activeInServletApplications() {
        runner.run(context -> assertThat(context).hasSingleBean(EventSourcingWebMvcConfigurer.class)
                .hasSingleBean(EventStoreExceptionHandler.class));
    }

    @Test
    @DisplayName("stays out of applications that are not web applications")
    void inactiveOutsideWebApplications() {
        new ApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS).run(context -> assertThat(context)
                .doesNotHaveBean(EventSourcingWebMvcConfigurer.class).doesNotHaveBean(EventStoreExceptionHandler.class));
    }

    @Test
    @DisplayName("stays out of reactive web applications")
    void inactiveInReactiveApplications() {
        new ReactiveWebApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS)
                .run(context -> assertThat(context).doesNotHaveBean(EventSourcingWebMvcConfigurer.class));
    }

    @Test
    @DisplayName("stays out when Spring MVC is not on the classpath")
    void inactiveWithoutSpringMvc() {
        runner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
                .run(context -> assertThat(context).doesNotHaveBean(EventSourcingWebMvcConfigurer.class));
    }

    @Test
    @DisplayName("stays out when there are no EventStreams to bind")
    void inactiveWithoutEventStreams() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EventSourcingWebMvcAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(EventSourcingWebMvcConfigurer.class));
    }

    @Test
    @DisplayName("leaves out the problem-detail handler with eventsourcing.web.problem-details.enabled=false")
    void problemDetailsCanBeSwitchedOff() {
        runner.withPropertyValues("eventsourcing.web.problem-details.enabled=false")
                .run(context -> assertThat(context).hasSingleBean(EventSourcingWebMvcConfigurer.class)
                        .doesNotHaveBean(EventStoreExceptionHandler.class));
    }

    @Test
    @DisplayName("backs off from the application's own configurer and exception handler")
    void backsOff() {
        EventSourcingWebMvcConfigurer configurer = new EventSourcingWebMvcConfigurer(null, null, new StandardEnvironment());
        EventStoreExceptionHandler handler = new EventStoreExceptionHandler();
        runner.withBean(EventSourcingWebMvcConfigurer.class, () -> configurer)
                .withBean(EventStoreExceptionHandler.class, () -> handler)
                .run(context -> {
                    assertThat(context.getBean(EventSourcingWebMvcConfigurer.class)).isSameAs(configurer);
                    assertThat(context.getBean(EventStoreExceptionHandler.class)).isSameAs(handler);
                });
    }

    @Test
    @DisplayName("checks bindings against the application's own router as if it covered everything")
    void ownRouterCoversEverything() {
        WebApplicationContextRunner withMvc = runner.withConfiguration(AutoConfigurations.of(WebMvcAutoConfiguration.class))
                .withUserConfiguration(LendingController.class);
        withMvc.run(context -> assertThat(context).getFailure()
                .isInstanceOf(io.github.eventsourcing.azure.web.InvalidStreamBindingException.class)
                .hasMessageContaining("no eventsourcing.streams rule covers Lending.Loan"));
        withMvc.withBean(io.github.eventsourcing.azure.spi.EventStoreRouter.class,
                        () -> io.github.eventsourcing.azure.spi.EventStoreRouter.single(new InMemoryEventStore()))
                .run(context -> assertThat(context).hasNotFailed());
    }

    @org.springframework.web.bind.annotation.RestController
    static class LendingController {
        @org.springframework.web.bind.annotation.PostMapping("/loans/{id}")
        void open(@io.github.eventsourcing.azure.web.StreamOf(domain = "Lending", entity = "Loan", key = "{id}")
                  io.github.eventsourcing.azure.stream.EventStream loan) {
        }
    }
}
