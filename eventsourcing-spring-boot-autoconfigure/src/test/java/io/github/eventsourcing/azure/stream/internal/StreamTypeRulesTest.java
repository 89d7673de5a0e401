package io.github.eventsourcing.azure.stream.internal;

import io.github.eventsourcing.azure.stream.StreamId.StreamType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Rules per domain/entity")
class StreamTypeRulesTest {

    @Test
    @DisplayName("the most specific rule wins: Domain.Entity, then Domain.ALL, then ALL.Entity, then ALL.ALL")
    void mostSpecificFirst() {
        StreamTypeRules<String> rules = StreamTypeRules.of(Map.of("Bank.Account", "exact", "Bank.ALL", "domain",
                "ALL.Loan", "entity", "ALL.ALL", "any"));

        assertThat(rules.find(new StreamType("Bank", "Account"))).contains("exact");
        assertThat(rules.find(new StreamType("Bank", "Loan"))).contains("domain");
        assertThat(rules.find(new StreamType("Shop", "Loan"))).contains("entity");
        assertThat(rules.find(new StreamType("Shop", "Order"))).contains("any");
    }

    @Test
    @DisplayName("names that differ only in letter case are different domains and entities")
    void caseSensitive() {
        StreamTypeRules<String> rules = StreamTypeRules.of(Map.of("Bank.Account", "exact"));

        assertThat(rules.find(new StreamType("bank", "account"))).isEmpty();
        assertThat(rules.find(new StreamType("Bank", "ACCOUNT"))).isEmpty();
    }

    @Test
    @DisplayName("a key that would match a rule only when case is ignored is found, with its spelling as the rules have it")
    void caseOnlyMatch() {
        List<String> rules = List.of("Bank.Account", "ALL.ALL");

        assertThat(StreamTypeRules.caseOnlyMatch("bank.ACCOUNT", rules))
                .contains(new StreamTypeRules.CaseOnlyMatch("bank.ACCOUNT", "Bank.Account", "Bank.Account"));
        assertThat(StreamTypeRules.caseOnlyMatch("all.Card", rules)).get()
                .extracting(StreamTypeRules.CaseOnlyMatch::corrected).isEqualTo("ALL.Card");
        assertThat(StreamTypeRules.caseOnlyMatch("Bank.Card", rules)).isEmpty();
        assertThat(StreamTypeRules.caseOnlyMatch("shop.ALL", rules)).isEmpty();
        assertThat(StreamTypeRules.caseOnlyMatch("bank.Card", List.of("Bank.Account", "bank.Loan"))).isEmpty();
        assertThat(StreamTypeRules.caseOnlyMatch("all.Card", List.of("all.Loan"))).as("a domain named all").isEmpty();
        assertThat(StreamTypeRules.caseOnlyMatch("Bank.all", List.of("Bank.Account", "Bank.ALL"))).get()
                .extracting(StreamTypeRules.CaseOnlyMatch::rule).isEqualTo("Bank.ALL");
    }
}
