package io.github.eventsourcing.azure.autoconfigure;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class AzureSdkLoggingDefaultsTests {

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    private static ConfigurableApplicationContext run(String... args) {
        SpringApplication application = new SpringApplication(Empty.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application.run(args);
    }

    @Test
    @DisplayName("the Table SDK's per-transaction ERROR log is off by default in an application")
    void offByDefault() {
        try (ConfigurableApplicationContext context = run()) {
            assertThat(context.getEnvironment().getProperty(AzureSdkLoggingDefaults.TABLE_CLIENT_LEVEL)).isEqualTo("off");
        }
    }

    @Test
    @DisplayName("an application that sets the level itself keeps its own")
    void applicationWins() {
        try (ConfigurableApplicationContext context = run("--" + AzureSdkLoggingDefaults.TABLE_CLIENT_LEVEL + "=debug")) {
            assertThat(context.getEnvironment().getProperty(AzureSdkLoggingDefaults.TABLE_CLIENT_LEVEL)).isEqualTo("debug");
        }
    }
}
