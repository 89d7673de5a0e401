package io.github.eventsourcing.azure.web;

import io.github.eventsourcing.azure.projection.ClassificationResult;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.web.AccountController.Balance;
import io.github.eventsourcing.azure.web.AccountController.Wealthy;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Controllers that each make one binding mistake the start-up check must catch. */
final class MistakenControllers {

    private MistakenControllers() {
    }

    @RestController
    static class MisspelledUriVariable {
        @PostMapping("/accounts/{accountNumber}/deposits")
        void deposit(@StreamOf(domain = "Bank", entity = "Account", key = "{acountNumber}") EventStream account) {
        }
    }

    @RestController
    static class NoUriVariables {
        @GetMapping("/balance")
        void balance(@ProjectionOf(domain = "Bank", entity = "Account", key = "{id}") ProjectionResult<Balance> balance) {
        }
    }

    @RestController
    static class ProjectionClassInsteadOfResult {
        @GetMapping("/accounts/{id}/balance")
        void balance(@ProjectionOf(domain = "Bank", entity = "Account", key = "{id}") Balance balance) {
        }
    }

    @RestController
    static class WildcardProjection {
        @GetMapping("/accounts/{id}/balance")
        void balance(@ProjectionOf(domain = "Bank", entity = "Account", key = "{id}") ProjectionResult<?> balance) {
        }
    }

    @RestController
    static class ClassificationAsProjection {
        @GetMapping("/accounts/{id}/wealthy")
        void wealthy(@ClassificationOf(domain = "Bank", entity = "Account", key = "{id}", parameters = "threshold=1")
                     ProjectionResult<Wealthy> wealthy) {
        }
    }

    @RestController
    static class StreamAsString {
        @PostMapping("/accounts/{id}")
        void open(@StreamOf(domain = "Bank", entity = "Account", key = "{id}") String account) {
        }
    }

    @RestController
    static class QueryAsCommand {
        @GetMapping("/queries/{id}")
        void query(@QueryOf(domain = "Bank", type = "HighestBalance", id = "{id}")
                   io.github.eventsourcing.azure.command.CommandInstance query) {
        }
    }

    @RestController
    static class UncoveredDomain {
        @PostMapping("/loans/{id}")
        void open(@StreamOf(domain = "Lending", entity = "Loan", key = "{id}") EventStream loan) {
        }
    }

    @RestController
    static class UnsetProperty {
        @GetMapping("/accounts/{id}/wealthy")
        void wealthy(@ClassificationOf(domain = "Bank", entity = "Account", key = "{id}",
                parameters = "threshold=${bank.thresold}") ClassificationResult<Wealthy> wealthy) {
        }
    }

    @RestController
    static class ParameterWithoutName {
        @GetMapping("/accounts/{id}/wealthy")
        void wealthy(@ClassificationOf(domain = "Bank", entity = "Account", key = "{id}", parameters = "1000")
                     ClassificationResult<Wealthy> wealthy) {
        }
    }

    @RestController
    static class TwoAnnotations {
        @PostMapping("/accounts/{id}")
        void open(@StreamOf(domain = "Bank", entity = "Account", key = "{id}")
                  @ProjectionOf(domain = "Bank", entity = "Account", key = "{id}") EventStream account) {
        }
    }

    @RestController
    static class InvalidDomainName {
        @PostMapping("/accounts/{id}")
        void open(@StreamOf(domain = "Bank Ops", entity = "Account", key = "{id}") EventStream account) {
        }
    }

    @RestController
    static class MalformedAsOf {
        @GetMapping("/accounts/{id}/balance")
        void balance(@ProjectionOf(domain = "Bank", entity = "Account", key = "{id}", asOf = "last tuesday")
                     ProjectionResult<Balance> balance) {
        }
    }

    @RestController
    static class UnbalancedBrace {
        @PostMapping("/accounts/{id}")
        void open(@StreamOf(domain = "Bank", entity = "Account", key = "{id") EventStream account) {
        }
    }
}
