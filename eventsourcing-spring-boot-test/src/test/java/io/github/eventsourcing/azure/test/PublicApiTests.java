package io.github.eventsourcing.azure.test;

import io.github.eventsourcing.azure.test.internal.PublicApiContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The test kit's public API")
class PublicApiTests extends PublicApiContract {

    @Override
    protected String apiPackage() {
        return "io.github.eventsourcing.azure.test";
    }
}
