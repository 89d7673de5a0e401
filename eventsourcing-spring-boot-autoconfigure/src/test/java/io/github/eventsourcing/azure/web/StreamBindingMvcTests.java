package io.github.eventsourcing.azure.web;

import io.github.eventsourcing.azure.autoconfigure.EventSourcingAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.InMemoryEventStoreAutoConfiguration;
import io.github.eventsourcing.azure.autoconfigure.web.EventSourcingWebMvcAutoConfiguration;
import io.github.eventsourcing.azure.stream.ConcurrencyConflictException;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.web.internal.EventStoreExceptionHandler;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The binding annotations at work in a real Spring MVC dispatcher (MockMvc), on the in-memory backend. */
@DisplayName("Controller parameters bound with @StreamOf, @ProjectionOf and @ClassificationOf")
class StreamBindingMvcTests {

    static final WebApplicationContextRunner RUNNER = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                    InMemoryEventStoreAutoConfiguration.class, EventSourcingWebMvcAutoConfiguration.class,
                    WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
                    JacksonAutoConfiguration.class))
            .withPropertyValues("eventsourcing.streams.[Bank.ALL].backend=in-memory", "bank.domain=Bank",
                    "bank.wealthy-threshold=1000");

    private final WebApplicationContextRunner runner = RUNNER.withUserConfiguration(AccountController.class);

    @Test
    @DisplayName("append to the stream named by the URI variable, and project it back")
    void appendsAndProjectsTheAddressedStream() {
        runner.run(context -> {
            MockMvc mvc = mvc(context);
            deposit(mvc, "A-1", "100").andExpect(status().isCreated()).andExpect(jsonPath("$.version").value(1));
            deposit(mvc, "A-1", "50.25").andExpect(status().isOk()).andExpect(jsonPath("$.version").value(2));
            deposit(mvc, "A-2", "7").andExpect(status().isCreated());

            mvc.perform(get("/accounts/A-1/balance")).andExpect(status().isOk())
                    .andExpect(jsonPath("$.balance").value(150.25)).andExpect(jsonPath("$.version").value(2));
            assertThat(context.getBean(EventStreams.class).stream(StreamId.of("Bank", "Account", "A-2")).version())
                    .isEqualTo(1);
        });
    }

    @Test
    @DisplayName("give a projection of a stream that does not exist, so the controller can answer 404")
    void projectionOfMissingStreamDoesNotExist() {
        runner.run(context -> mvc(context).perform(get("/accounts/nobody/balance")).andExpect(status().isNotFound()));
    }

    @Test
    @DisplayName("fold only the events written up to asOf, taken from a URI variable")
    void projectsAsOfATime() {
        runner.run(context -> {
            MockMvc mvc = mvc(context);
            deposit(mvc, "A-3", "10");

            mvc.perform(get("/accounts/A-3/balance/2000-01-01")).andExpect(status().isOk())
                    .andExpect(jsonPath("$.exists").value(false)).andExpect(jsonPath("$.balance").value(0));
            mvc.perform(get("/accounts/A-3/balance/2999-01-01T00:00:00Z")).andExpect(status().isOk())
                    .andExpect(jsonPath("$.exists").value(true)).andExpect(jsonPath("$.balance").value(10));
        });
    }

    @Test
    @DisplayName("answer 400 when asOf is not a point in time")
    void rejectsMalformedAsOf() {
        runner.run(context -> mvc(context).perform(get("/accounts/A-3/balance/yesterday"))
                .andExpect(status().isBadRequest()));
    }

    @Test
    @DisplayName("resolve ${...} from the environment: the domain and the classification's parameter")
    void resolvesEnvironmentPlaceholders() {
        runner.run(context -> {
            MockMvc mvc = mvc(context);
            deposit(mvc, "A-4", "999");
            mvc.perform(get("/accounts/A-4/wealthy")).andExpect(jsonPath("$.exists").value(true))
                    .andExpect(jsonPath("$.included").value(false));
            deposit(mvc, "A-4", "1");
            mvc.perform(get("/accounts/A-4/wealthy")).andExpect(jsonPath("$.included").value(true));
        });
        runner.withPropertyValues("bank.wealthy-threshold=10").run(context -> {
            MockMvc mvc = mvc(context);
            deposit(mvc, "A-4", "10");
            mvc.perform(get("/accounts/A-4/wealthy")).andExpect(jsonPath("$.included").value(true));
        });
    }

    @Test
    @DisplayName("take a classification parameter from a URI variable, answering 400 when it does not convert")
    void classificationParameterFromUri() {
        runner.run(context -> {
            MockMvc mvc = mvc(context);
            deposit(mvc, "A-5", "500");
            mvc.perform(get("/accounts/A-5/wealthy/100")).andExpect(jsonPath("$.included").value(true));
            mvc.perform(get("/accounts/A-5/wealthy/1000")).andExpect(jsonPath("$.included").value(false));
            mvc.perform(get("/accounts/A-5/wealthy/lots")).andExpect(status().isBadRequest());
        });
    }

    @Test
    @DisplayName("give a classification of a stream that does not exist with exists() false")
    void classificationOfMissingStream() {
        runner.run(context -> mvc(context).perform(get("/accounts/nobody/wealthy")).andExpect(status().isOk())
                .andExpect(jsonPath("$.exists").value(false)).andExpect(jsonPath("$.included").value(false)));
    }

    @Nested
    @DisplayName("answer the event store's exceptions with problem details")
    class ProblemDetails {

        @Test
        @DisplayName("400 for an instance key no stream can have")
        void invalidKey() {
            runner.run(context -> mvc(context).perform(get("/accounts/" + "x".repeat(300) + "/balance"))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.title").value("Invalid stream address"))
                    .andExpect(jsonPath("$.detail").value("The instance key is 300 characters long; at most 256 are allowed")));
        }

        @Test
        @DisplayName("409 when the stream must be new but exists")
        void streamAlreadyExists() {
            runner.run(context -> {
                MockMvc mvc = mvc(context);
                mvc.perform(post("/accounts/N-1/opening")).andExpect(status().isOk());
                mvc.perform(post("/accounts/N-1/opening")).andExpect(status().isConflict())
                        .andExpect(jsonPath("$.title").value("Stream already exists"))
                        .andExpect(jsonPath("$.streamId").value("Bank/Account/N-1"));
            });
        }

        @Test
        @DisplayName("409 with both versions when someone else wrote first")
        void concurrencyConflict() {
            runner.run(context -> {
                MockMvc mvc = mvc(context);
                deposit(mvc, "C-1", "1");
                deposit(mvc, "C-1", "1");
                mvc.perform(post("/accounts/C-1/deposits/after/1").contentType(MediaType.APPLICATION_JSON)
                                .content("{\"amount\":5}"))
                        .andExpect(status().isConflict()).andExpect(jsonPath("$.title").value("Concurrent change"))
                        .andExpect(jsonPath("$.expectedVersion").value(1)).andExpect(jsonPath("$.actualVersion").value(2));
            });
        }

        @Test
        @DisplayName("409 when the stream was deleted and created anew while it was read")
        void streamRecreatedDuringRead() {
            runner.run(context -> mvc(context).perform(get("/accounts/R-1/events-while-recreated"))
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.title").value("Stream re-created while read"))
                    .andExpect(jsonPath("$.streamId").value("Bank/Account/R-1")));
        }

        @Test
        @DisplayName("500 without storage details when the stream was written in a newer stored format")
        void newerStoredFormat() {
            runner.run(context -> mvc(context).perform(get("/accounts/N-1/events-in-newer-format"))
                    .andExpect(status().isInternalServerError())
                    .andExpect(jsonPath("$.title").value("Stored in a newer format"))
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(
                            org.hamcrest.Matchers.containsString("E-0000000001")))));
        }

        @Test
        @DisplayName("404 when the stream must exist but does not")
        void streamNotFound() {
            runner.run(context -> mvc(context).perform(post("/accounts/ghost/top-ups")
                            .contentType(MediaType.APPLICATION_JSON).content("{\"amount\":5}"))
                    .andExpect(status().isNotFound()).andExpect(jsonPath("$.title").value("Stream not found")));
        }

        @Test
        @DisplayName("413 when an append is over the limits")
        void appendTooLarge() {
            runner.run(context -> mvc(context).perform(post("/accounts/B-1/bulk/50"))
                    .andExpect(status().isPayloadTooLarge()).andExpect(jsonPath("$.title").value("Too large to store")));
        }

        @Test
        @DisplayName("not at all with eventsourcing.web.problem-details.enabled=false")
        void canBeSwitchedOff() {
            runner.withPropertyValues("eventsourcing.web.problem-details.enabled=false").run(context -> {
                assertThat(context).doesNotHaveBean(EventStoreExceptionHandler.class);
                MockMvc mvc = mvc(context);
                deposit(mvc, "C-2", "1");
                deposit(mvc, "C-2", "1");
                assertThatThrownBy(() -> mvc.perform(post("/accounts/C-2/deposits/after/1")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"amount\":5}")))
                        .hasRootCauseInstanceOf(ConcurrencyConflictException.class);
            });
        }

        @Test
        @DisplayName("after the application's own exception handlers, when they are ordered before the starter's")
        void applicationHandlersWin() {
            runner.withUserConfiguration(TeapotAdvice.class).run(context -> {
                MockMvc mvc = mvc(context);
                deposit(mvc, "C-3", "1");
                deposit(mvc, "C-3", "1");
                mvc.perform(post("/accounts/C-3/deposits/after/1").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"amount\":5}")).andExpect(status().isIAmATeapot());
                // The exceptions the application does not handle still get theirs.
                mvc.perform(post("/accounts/ghost/top-ups").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"amount\":5}")).andExpect(status().isNotFound());
            });
        }

        @Test
        @DisplayName("before an application's catch-all advice at the default order, which gets only the other exceptions")
        void catchAllComesAfter() {
            runner.withUserConfiguration(CatchAllAdvice.class, FailingController.class).run(context -> {
                MockMvc mvc = mvc(context);
                mvc.perform(post("/accounts/ghost/top-ups").contentType(MediaType.APPLICATION_JSON)
                                .content("{\"amount\":5}"))
                        .andExpect(status().isNotFound()).andExpect(jsonPath("$.title").value("Stream not found"));
                mvc.perform(post("/failing")).andExpect(status().isInternalServerError())
                        .andExpect(content().string("caught by the application"));
            });
        }

        @Test
        @DisplayName("through the application's subclass, when it declares one")
        void replaceable() {
            runner.withUserConfiguration(OwnProblemsConfiguration.class).run(context -> {
                assertThat(context).hasSingleBean(EventStoreExceptionHandler.class);
                mvc(context).perform(post("/accounts/ghost/top-ups").contentType(MediaType.APPLICATION_JSON)
                                .content("{\"amount\":5}"))
                        .andExpect(status().isNotFound()).andExpect(jsonPath("$.service").value("bank"));
            });
        }
    }

    static MockMvc mvc(AssertableWebApplicationContext context) {
        assertThat(context).hasNotFailed();
        return MockMvcBuilders.webAppContextSetup(context).build();
    }

    private static ResultActions deposit(MockMvc mvc, String account, String amount) throws Exception {
        return mvc.perform(post("/accounts/{accountNumber}/deposits", account).contentType(MediaType.APPLICATION_JSON)
                .content("{\"amount\":" + amount + "}"));
    }

    @RestControllerAdvice
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class TeapotAdvice {

        @ExceptionHandler(ConcurrencyConflictException.class)
        ResponseEntity<String> conflict(ConcurrencyConflictException exception) {
            return ResponseEntity.status(HttpStatus.I_AM_A_TEAPOT).body("retry");
        }
    }

    /** The usual safety net of an application, left at the default order. */
    @RestControllerAdvice
    static class CatchAllAdvice {

        @ExceptionHandler(Exception.class)
        ResponseEntity<String> unexpected(Exception exception) {
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body("caught by the application");
        }
    }

    @RestController
    static class FailingController {

        @PostMapping("/failing")
        void fail() {
            throw new IllegalStateException("a bug");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnProblemsConfiguration {

        @Bean
        EventStoreExceptionHandler bankProblems() {
            return new EventStoreExceptionHandler() {
                @Override
                protected ResponseEntity<ProblemDetail> problem(HttpStatus status, String title,
                                                                io.github.eventsourcing.azure.stream.EventStoreException exception,
                                                                StreamId streamId) {
                    ResponseEntity<ProblemDetail> response = super.problem(status, title, exception, streamId);
                    response.getBody().setProperty("service", "bank");
                    return response;
                }
            };
        }
    }
}
