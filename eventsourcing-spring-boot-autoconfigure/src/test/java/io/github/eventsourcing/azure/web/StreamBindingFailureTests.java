package io.github.eventsourcing.azure.web;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each binding mistake fails the start; the failure analyzer (found, as Spring Boot finds it, through
 * {@code META-INF/spring.factories}) says which parameter and what to change.
 */
@DisplayName("A binding that cannot work fails the start")
class StreamBindingFailureTests {

    @Test
    @DisplayName("when a {placeholder} names no URI variable of the mapping")
    void misspelledUriVariable() {
        FailureAnalysis analysis = failure(MistakenControllers.MisspelledUriVariable.class);

        assertThat(analysis.getDescription()).isEqualTo("MisspelledUriVariable#deposit(EventStream) parameter 'account' "
                + "is bound with @StreamOf(domain = \"Bank\", entity = \"Account\", key = \"{acountNumber}\"), but "
                + "{acountNumber} is not a URI template variable of its mapping /accounts/{accountNumber}/deposits.");
        assertThat(analysis.getAction()).isEqualTo(
                "Use one of the mapping's URI variables ({accountNumber}), or add {acountNumber} to the mapping's path.");
    }

    @Test
    @DisplayName("when a {placeholder} is used on a mapping without URI variables")
    void mappingWithoutVariables() {
        FailureAnalysis analysis = failure(MistakenControllers.NoUriVariables.class);

        assertThat(analysis.getDescription()).endsWith("but {id} is not a URI template variable of its mapping /balance.");
        assertThat(analysis.getAction()).isEqualTo("Add {id} to the mapping's path, or write a fixed value instead.");
    }

    @Test
    @DisplayName("when @ProjectionOf is on the projection class instead of ProjectionResult<X>")
    void projectionClassInsteadOfResult() {
        FailureAnalysis analysis = failure(MistakenControllers.ProjectionClassInsteadOfResult.class);

        assertThat(analysis.getDescription()).isEqualTo("ProjectionClassInsteadOfResult#balance(Balance) parameter "
                + "'balance' is of type io.github.eventsourcing.azure.web.AccountController$Balance, but "
                + "@ProjectionOf(domain = \"Bank\", entity = \"Account\", key = \"{id}\") injects a ProjectionResult of "
                + "a projection class.");
        assertThat(analysis.getAction()).isEqualTo(
                "Declare the parameter as ProjectionResult<Balance>, with the projection class as the type argument.");
    }

    @Test
    @DisplayName("when ProjectionResult names no projection class")
    void wildcardProjection() {
        FailureAnalysis analysis = failure(MistakenControllers.WildcardProjection.class);

        assertThat(analysis.getDescription()).startsWith("WildcardProjection#balance(ProjectionResult) parameter "
                + "'balance' is of type io.github.eventsourcing.azure.projection.ProjectionResult<?>, which names no "
                + "projection class");
        assertThat(analysis.getAction()).isEqualTo("Declare the parameter as ProjectionResult<YourProjection>, with "
                + "the projection class as the type argument.");
    }

    @Test
    @DisplayName("when @ClassificationOf is on a ProjectionResult")
    void classificationAsProjection() {
        FailureAnalysis analysis = failure(MistakenControllers.ClassificationAsProjection.class);

        assertThat(analysis.getDescription()).contains("injects a ClassificationResult of a classification class.");
        assertThat(analysis.getAction()).isEqualTo("Declare the parameter as ClassificationResult<Wealthy>, with the "
                + "classification class as the type argument.");
    }

    @Test
    @DisplayName("when @StreamOf is on something that is not an EventStream")
    void streamAsString() {
        FailureAnalysis analysis = failure(MistakenControllers.StreamAsString.class);

        assertThat(analysis.getDescription()).isEqualTo("StreamAsString#open(String) parameter 'account' is of type "
                + "String, but @StreamOf(domain = \"Bank\", entity = \"Account\", key = \"{id}\") injects an EventStream.");
        assertThat(analysis.getAction()).isEqualTo("Declare the parameter as EventStream, or use @ProjectionOf with "
                + "ProjectionResult<YourProjection> to read a projection.");
    }

    @Test
    @DisplayName("when @QueryOf is on something that is not a QueryInstance")
    void queryAsCommand() {
        FailureAnalysis analysis = failure(MistakenControllers.QueryAsCommand.class);

        assertThat(analysis.getDescription()).isEqualTo("QueryAsCommand#query(CommandInstance) parameter 'query' is of "
                + "type CommandInstance, but @QueryOf(domain = \"Bank\", type = \"HighestBalance\", id = \"{id}\") "
                + "injects a QueryInstance.");
        assertThat(analysis.getAction()).isEqualTo("Declare the parameter as QueryInstance.");
    }

    @Test
    @DisplayName("when no stream rule covers the handler's domain/entity")
    void uncoveredDomain() {
        FailureAnalysis analysis = failure(MistakenControllers.UncoveredDomain.class);

        assertThat(analysis.getDescription()).isEqualTo("UncoveredDomain#open(EventStream) parameter 'loan' is bound "
                + "with @StreamOf(domain = \"Lending\", entity = \"Loan\", key = \"{id}\"), but no eventsourcing.streams "
                + "rule covers Lending.Loan (tried Lending.Loan, Lending.ALL, ALL.Loan, ALL.ALL).");
        assertThat(analysis.getAction()).isEqualTo("Add a rule for Lending.Loan, e.g. "
                + "eventsourcing.streams.[Lending.Loan].backend=table (with eventsourcing.streams.[Lending.Loan].connection "
                + "naming a connection), or a fallback such as eventsourcing.streams.[ALL.ALL].backend.");
    }

    @Test
    @DisplayName("when a ${property} is not set")
    void unsetProperty() {
        FailureAnalysis analysis = failure(MistakenControllers.UnsetProperty.class);

        assertThat(analysis.getDescription()).endsWith("whose parameters refers to the property 'bank.thresold', "
                + "which is not set.");
        assertThat(analysis.getAction()).isEqualTo("Set the property bank.thresold (e.g. in application.yml), or give "
                + "the placeholder a default: ${bank.thresold:value}.");
    }

    @Test
    @DisplayName("when a classification parameter is not name=value")
    void parameterWithoutName() {
        FailureAnalysis analysis = failure(MistakenControllers.ParameterWithoutName.class);

        assertThat(analysis.getDescription()).endsWith("whose parameters entry \"1000\" is not name=value.");
        assertThat(analysis.getAction()).isEqualTo("Write each entry as name=value, e.g. \"threshold=100\", "
                + "\"threshold=${bank.threshold}\" or \"threshold={threshold}\".");
    }

    @Test
    @DisplayName("when one parameter carries two binding annotations")
    void twoAnnotations() {
        FailureAnalysis analysis = failure(MistakenControllers.TwoAnnotations.class);

        assertThat(analysis.getDescription()).isEqualTo("TwoAnnotations#open(EventStream) parameter 'account' carries "
                + "@StreamOf and @ProjectionOf, but a parameter binds to one thing.");
        assertThat(analysis.getAction()).isEqualTo("Keep one of the annotations on the parameter.");
    }

    @Test
    @DisplayName("when a fixed domain cannot name a stream")
    void invalidDomainName() {
        FailureAnalysis analysis = failure(MistakenControllers.InvalidDomainName.class);

        assertThat(analysis.getDescription()).endsWith("which cannot address a stream: The domain 'Bank Ops' may only "
                + "contain letters, digits, '-' and '_' (found ' ').");
        assertThat(analysis.getAction()).startsWith("Use letters, digits, '-' and '_' only in the domain and entity");
    }

    @Test
    @DisplayName("when a fixed asOf is not a point in time")
    void malformedAsOf() {
        FailureAnalysis analysis = failure(MistakenControllers.MalformedAsOf.class);

        assertThat(analysis.getDescription()).endsWith("whose asOf \"last tuesday\" is not an ISO-8601 instant, "
                + "date-time with offset or date.");
        assertThat(analysis.getAction()).isEqualTo("Write asOf as e.g. \"2024-05-01T00:00:00Z\" or \"2024-05-01\", take "
                + "it from a URI variable (\"{asOf}\"), or leave it empty for the latest state.");
    }

    @Test
    @DisplayName("when a brace opens no placeholder")
    void unbalancedBrace() {
        FailureAnalysis analysis = failure(MistakenControllers.UnbalancedBrace.class);

        assertThat(analysis.getDescription()).endsWith("whose key \"{id\" has a brace that opens or closes no {name} "
                + "placeholder.");
        assertThat(analysis.getAction()).isEqualTo("Write URI variables as {name}, and properties as ${name}.");
    }

    private static FailureAnalysis failure(Class<?> controller) {
        FailureAnalysis[] analysis = new FailureAnalysis[1];
        StreamBindingMvcTests.RUNNER.withUserConfiguration(controller).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(InvalidStreamBindingException.class);
            analysis[0] = analyzers().stream().map(analyzer -> analyzer.analyze(context.getStartupFailure()))
                    .filter(result -> result != null).findFirst().orElse(null);
        });
        assertThat(analysis[0]).as("an analysis from a registered FailureAnalyzer").isNotNull();
        return analysis[0];
    }

    private static List<FailureAnalyzer> analyzers() {
        return SpringFactoriesLoader.forDefaultResourceLocation(StreamBindingFailureTests.class.getClassLoader())
                // Spring Boot's own analyzers need constructor arguments; only ours matter here.
                .load(FailureAnalyzer.class, (factoryType, implementationName, failure) -> {
                }).stream()
                .filter(analyzer -> analyzer.getClass().getName().startsWith("io.github.eventsourcing")).toList();
    }
}
