package io.github.eventsourcing.azure.demo.bank.web;

import io.github.eventsourcing.azure.stream.EventIdConflictException;
import io.github.eventsourcing.azure.test.AutoConfigureInMemoryEventStreams;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The bank's safety net for unexpected errors leaves the event store's exceptions that the bank does not word itself
 * to the starter's handler, which knows their status.
 */
@WebMvcTest(ErrorAdviceOrderWebMvcTest.Failing.class)
@Import(ErrorAdviceOrderWebMvcTest.Failing.class)
@AutoConfigureInMemoryEventStreams
@DisplayName("The bank's error answers, in order")
class ErrorAdviceOrderWebMvcTest {

    @Autowired
    MockMvc mvc;

    @Test
    @DisplayName("an event store exception the bank does not list gets the starter's status, not a 500")
    void libraryExceptionsKeepTheirStatus() throws Exception {
        mvc.perform(post("/test/event-id-conflict"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Event id conflict"))
                .andExpect(jsonPath("$.eventIds[0]").value("e-1"));
    }

    @Test
    @DisplayName("any other exception is a 500 problem that names nothing internal")
    void othersAreUnexpected() throws Exception {
        mvc.perform(post("/test/bug"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Unexpected error"))
                .andExpect(jsonPath("$.detail").value(StatusProblems.UNEXPECTED));
    }

    @RestController
    static class Failing {

        @PostMapping("/test/event-id-conflict")
        void eventIdConflict() {
            throw new EventIdConflictException("Event id e-1 is stored with other content", List.of("e-1"));
        }

        @PostMapping("/test/bug")
        void bug() {
            throw new IllegalStateException("internal detail that must not leak");
        }
    }
}
