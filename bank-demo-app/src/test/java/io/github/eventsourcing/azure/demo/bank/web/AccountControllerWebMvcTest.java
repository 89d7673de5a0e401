package io.github.eventsourcing.azure.demo.bank.web;

import io.github.eventsourcing.azure.demo.bank.account.AccountQueries;
import io.github.eventsourcing.azure.demo.bank.account.AccountsReadModel;
import io.github.eventsourcing.azure.demo.bank.account.Teller;
import io.github.eventsourcing.azure.autoconfigure.ReadModelAutoConfiguration;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.test.AutoConfigureInMemoryEventStreams;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The account API as a web slice: the real controller, teller and queries, with every stream on the in-memory
 * backend (one annotation; application.yml still routes Bank.Account to Table storage, and no connection string is
 * set). Fast enough for every build, and needs neither Azurite nor a storage account.
 */
@WebMvcTest(AccountController.class)
@Import({Teller.class, AccountQueries.class, AccountsReadModel.class})
@AutoConfigureInMemoryEventStreams
@ImportAutoConfiguration(ReadModelAutoConfiguration.class) // the slice leaves read models out
@DisplayName("The account API on in-memory streams (@WebMvcTest)")
class AccountControllerWebMvcTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    EventStreams streams;

    /** Each test its own account: the in-memory store lives as long as the cached test context. */
    private final String accountNumber = "T-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    @DisplayName("opening an account with a deposit writes both events and shows the balance")
    void opensAndShowsAccount() throws Exception {
        mvc.perform(post("/api/accounts/{n}", accountNumber).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"clientName\":\"Ada Lovelace\",\"openingBalance\":250.00}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/accounts/" + accountNumber))
                .andExpect(jsonPath("$.sequenceNumber").value(2));

        mvc.perform(get("/api/accounts/{n}", accountNumber))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.clientName").value("Ada Lovelace"))
                .andExpect(jsonPath("$.balance").value(250.00))
                .andExpect(jsonPath("$.lowBalance").value(false));

        assertThat(streams.stream("Bank", "Account", accountNumber).read()).extracting(RecordedEvent::eventName)
                .containsExactly("Account Opened", "Money Deposited");
    }

    @Test
    @DisplayName("an account opened twice is refused with 409, and an unknown one is 404")
    void conflictsAndMissing() throws Exception {
        String open = "{\"clientName\":\"Ada Lovelace\"}";
        mvc.perform(post("/api/accounts/{n}", accountNumber).contentType(MediaType.APPLICATION_JSON).content(open))
                .andExpect(status().isCreated());

        mvc.perform(post("/api/accounts/{n}", accountNumber).contentType(MediaType.APPLICATION_JSON).content(open))
                .andExpect(status().isConflict());
        mvc.perform(get("/api/accounts/{n}", "never-opened")).andExpect(status().isNotFound());
    }
}
