package io.github.eventsourcing.azure.demo.bank.crash;

import io.github.eventsourcing.azure.command.CommandPausePoints;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * Test only: with {@code bank.test.pause-at=<point>}, a command that reaches the named point prints
 * {@value #MARKER} and waits there for {@code bank.test.pause-for} (default: an hour), so that a crash test can kill
 * the process at that point (or stop it).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("bank.test.pause-at")
public class PausePointConfiguration {

    public static final String MARKER = "PAUSE-POINT-REACHED";

    @Bean
    CommandPausePoints pausePoints(@Value("${bank.test.pause-at}") String pauseAt,
                                   @Value("${bank.test.pause-for:1h}") Duration pauseFor) {
        return (point, commandId) -> {
            if (!point.equals(pauseAt)) {
                return;
            }
            System.out.println(MARKER + " " + point + " " + commandId);
            System.out.flush();
            try {
                Thread.sleep(pauseFor.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
