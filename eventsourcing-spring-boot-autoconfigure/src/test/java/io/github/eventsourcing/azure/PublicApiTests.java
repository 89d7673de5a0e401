package io.github.eventsourcing.azure;

import io.github.eventsourcing.azure.test.internal.PublicApiContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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
}
