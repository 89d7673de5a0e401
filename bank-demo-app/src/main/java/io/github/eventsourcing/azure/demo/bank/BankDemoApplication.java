package io.github.eventsourcing.azure.demo.bank;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/** A retail bank whose accounts are event streams on Azure Storage. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(BankProperties.class)
public class BankDemoApplication {

    public static void main(String[] args) {
        SpringApplication.run(BankDemoApplication.class, args);
    }

    /** The bank's notion of "now" (and so of "today"); tests replace it to choose the business day. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
