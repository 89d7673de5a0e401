package io.github.eventsourcing.azure.autoconfigure.notification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventsourcing.azure.notification.NewEntityNotification;
import io.github.eventsourcing.azure.notification.NewEventNotification;
import io.github.eventsourcing.azure.notification.Notification;
import io.github.eventsourcing.azure.notification.NotificationKind;
import io.github.eventsourcing.azure.notification.NotificationListener;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.EventUpcaster;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** An application that only receives notifications: the webhook and a few listener methods. */
@SpringBootConfiguration
@ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
        NotificationWebhookAutoConfiguration.class})
class WebhookTestApplication {

    @EventName("Money Deposited")
    record MoneyDeposited(BigDecimal amount) {
    }

    @EventName("Money Withdrawn")
    record MoneyWithdrawn(BigDecimal amount) {
    }

    /** Today's shape of "Address Changed" (v2); v1 had a single line. */
    @EventName(value = "Address Changed", version = 2)
    record AddressChanged(String street, String city) {
    }

    @Bean
    EventTypeRegistry eventTypeRegistry() {
        EventUpcaster splitAddress = new EventUpcaster() {
            @Override
            public String eventName() {
                return "Address Changed";
            }

            @Override
            public int fromVersion() {
                return 1;
            }

            @Override
            public ObjectNode upcast(ObjectNode stored) {
                String[] parts = stored.remove("address").asText().split(", ");
                return stored.put("street", parts[0]).put("city", parts[1]);
            }
        };
        return new EventTypeRegistry(List.of(), List.of(splitAddress));
    }

    @Bean
    Listeners listeners() {
        return new Listeners();
    }

    /** Records what each listener method was given. */
    static class Listeners {
        final List<Object> deposits = new CopyOnWriteArrayList<>();
        final List<String> moneyEvents = new CopyOnWriteArrayList<>();
        final List<StreamId> newEntities = new CopyOnWriteArrayList<>();
        final List<Object> addresses = new CopyOnWriteArrayList<>();
        final List<String> everything = new CopyOnWriteArrayList<>();
        final List<String> flakyCalls = new CopyOnWriteArrayList<>();
        final AtomicBoolean flakyFails = new AtomicBoolean();

        @NotificationListener(domain = "Bank", entity = "Account", eventName = "Money *")
        void onMoney(NewEventNotification notification) {
            moneyEvents.add(notification.eventName() + " #" + notification.sequence());
        }

        @NotificationListener(domain = "Bank")
        void onDeposit(MoneyDeposited deposited, NewEventNotification notification) {
            deposits.add(deposited);
        }

        @NotificationListener(kinds = NotificationKind.NEW_ENTITY)
        void onNewEntity(StreamId stream, NewEntityNotification notification) {
            newEntities.add(stream);
        }

        @NotificationListener
        void onAddress(AddressChanged changed) {
            addresses.add(changed);
        }

        @NotificationListener
        void onAnything(Notification notification) {
            everything.add(notification.id());
        }

        @NotificationListener(instanceKey = "FLAKY-*")
        void flaky(Notification notification) {
            flakyCalls.add(notification.id());
            if (flakyFails.get()) {
                throw new IllegalStateException("flaky listener fails");
            }
        }

        void clear() {
            deposits.clear();
            moneyEvents.clear();
            newEntities.clear();
            addresses.clear();
            everything.clear();
            flakyCalls.clear();
            flakyFails.set(false);
        }
    }
}
