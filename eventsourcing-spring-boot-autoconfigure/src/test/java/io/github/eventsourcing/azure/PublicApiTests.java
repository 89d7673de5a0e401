package io.github.eventsourcing.azure;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.github.eventsourcing.azure.test.ApiOnly;
import io.github.eventsourcing.azure.test.internal.PublicApiContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The library's public API")
class PublicApiTests extends PublicApiContract {

    @Override
    protected String apiPackage() {
        return "io.github.eventsourcing.azure";
    }

    @Test
    @DisplayName("holds no test support: that ships in eventsourcing-spring-boot-test, never in the production jar")
    void holdsNoTestSupport() {
        assertThat(library().stream().map(type -> type.getName()))
                .isNotEmpty()
                .noneMatch(name -> name.startsWith("io.github.eventsourcing.azure.test."));
    }

    @Test
    @DisplayName("keeps the whole backend SPI in spi: it depends on the stream API only, never on the auto-configuration")
    void spiStandsAlone() {
        noClasses().that().resideInAPackage("io.github.eventsourcing.azure.spi..")
                .should().dependOnClassesThat().resideInAnyPackage("io.github.eventsourcing.azure.autoconfigure..",
                        ApiOnly.INTERNAL_PACKAGES)
                .check(library());
    }

    @Test
    @DisplayName("is enough for a backend of one's own: the sample backend uses the API, the SPI and the contract suite only")
    void isEnoughForABackendOfOnesOwn() {
        JavaClasses sampleBackend = new ClassFileImporter().importPackages("io.github.eventsourcing.azure.samplebackend");
        assertThat(sampleBackend).isNotEmpty();
        ApiOnly.USES_NO_INTERNAL_TYPE.check(sampleBackend);
        noClasses().should().dependOnClassesThat().resideInAPackage("io.github.eventsourcing.azure.autoconfigure..")
                .check(sampleBackend);
    }
}
