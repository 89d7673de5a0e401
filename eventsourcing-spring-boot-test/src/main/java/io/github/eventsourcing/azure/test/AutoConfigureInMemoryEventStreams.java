package io.github.eventsourcing.azure.test;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.properties.PropertyMapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a Spring test ({@code @SpringBootTest}, {@code @WebMvcTest}, ...) with every stream rule served by one
 * in-memory store: no storage account, emulator or connection string needed. Sets
 * {@code eventsourcing.test.in-memory=true}, and brings the event-sourcing auto-configuration ({@code EventStreams},
 * {@code Projections}, the controller bindings) into test slices that would leave it out, such as
 * {@code @WebMvcTest}. Change notifications are switched off unless the test asks for them, so that a test never
 * publishes to the application's Event Grid topic.
 * <pre>{@code
 * @WebMvcTest(AccountController.class)
 * @AutoConfigureInMemoryEventStreams
 * class AccountControllerTest { ... }
 * }</pre>
 * The store lives as long as the test's application context, which Spring caches and shares between test classes
 * of the same configuration: give each test its own instance keys, or mark the class {@code @DirtiesContext}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@PropertyMapping
public @interface AutoConfigureInMemoryEventStreams {

    /** Whether the in-memory store replaces every rule's backend ({@code eventsourcing.test.in-memory}). */
    @PropertyMapping("eventsourcing.test.in-memory")
    boolean enabled() default true;

    /**
     * Whether change notifications are published ({@code eventsourcing.notifications.enabled}); off by default. On,
     * they go to the application's Event Grid topic or its own {@code NotificationPublisher} bean.
     */
    @PropertyMapping("eventsourcing.notifications.enabled")
    boolean notifications() default false;
}
