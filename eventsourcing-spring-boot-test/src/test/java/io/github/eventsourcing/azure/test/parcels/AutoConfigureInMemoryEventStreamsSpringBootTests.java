package io.github.eventsourcing.azure.test.parcels;

import io.github.eventsourcing.azure.autoconfigure.ConfiguredEventStoreRouter;
import io.github.eventsourcing.azure.notification.Notification;
import io.github.eventsourcing.azure.notification.NotificationPublisher;
import io.github.eventsourcing.azure.notification.internal.NotificationDispatcher;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.test.AutoConfigureInMemoryEventStreams;
import io.github.eventsourcing.azure.test.parcels.ParcelApplication.ParcelWeighed;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A whole application ({@code @SpringBootTest}) configured for Table storage and Event Grid, as in production, run on
 * the in-memory backend by the one annotation.
 */
@DisplayName("@AutoConfigureInMemoryEventStreams on a @SpringBootTest")
class AutoConfigureInMemoryEventStreamsSpringBootTests {

    static final String PRODUCTION_CONFIGURATION = """
            eventsourcing.streams.[Shipping.ALL].backend=table
            eventsourcing.connections.default.connection-string=DefaultEndpointsProtocol=https;AccountName=prod;\
            AccountKey=bm90LWEtcmVhbC1rZXk=;EndpointSuffix=core.windows.net
            eventsourcing.notifications.enabled=true
            eventsourcing.notifications.event-grid.endpoint=https://parcels.westeurope-1.eventgrid.azure.net/api/events
            eventsourcing.notifications.event-grid.sas-token=not-a-real-token
            """;

    @Nested
    @SpringBootTest(classes = ParcelApplication.class, properties = PRODUCTION_CONFIGURATION)
    @AutoConfigureInMemoryEventStreams
    @DisplayName("by default")
    class ByDefault {

        @Autowired
        EventStreams streams;

        @Autowired
        ConfiguredEventStoreRouter router;

        @Autowired
        ApplicationContext context;

        @Test
        @DisplayName("stores in memory and publishes no notification to the production topic")
        void inMemoryWithoutNotifications() {
            streams.stream("Shipping", "Parcel", "P-1").append(new ParcelWeighed(700));

            assertThat(streams.stream("Shipping", "Parcel", "P-1").read()).hasSize(1);
            assertThat(router.route(new StreamId.StreamType("Shipping", "Parcel")))
                    .contains(new ConfiguredEventStoreRouter.Route("Shipping.ALL", "in-memory", null));
            assertThat(context.getEnvironment().getProperty("eventsourcing.notifications.event-grid.endpoint"))
                    .startsWith("https://parcels.");
            assertThat(context.getEnvironment().getProperty("eventsourcing.notifications.enabled")).isEqualTo("false");
            assertThat(context.getBeanNamesForType(NotificationDispatcher.class)).isEmpty();
            assertThat(context.getBeanNamesForType(NotificationPublisher.class)).isEmpty();
        }
    }

    @Nested
    @SpringBootTest(classes = ParcelApplication.class, properties = PRODUCTION_CONFIGURATION)
    @AutoConfigureInMemoryEventStreams(notifications = true)
    @Import(CollectedNotifications.class)
    @DisplayName("with notifications = true")
    class WithNotifications {

        @Autowired
        EventStreams streams;

        @Autowired
        CollectedNotifications collected;

        @Test
        @DisplayName("publishes the notifications of in-memory writes to the test's own publisher")
        void publishes() {
            streams.stream("Shipping", "Parcel", "P-2").append(new ParcelWeighed(900));

            await().untilAsserted(() -> assertThat(collected.notifications)
                    .extracting(Notification::eventType)
                    .contains("Shipping.Parcel.NewEntity", "Shipping.Parcel.Parcel Weighed"));
        }
    }

    /** Replaces Event Grid with a list, as a test that checks notifications would. */
    @TestConfiguration(proxyBeanMethods = false)
    static class CollectedNotifications {
        final List<Notification> notifications = new CopyOnWriteArrayList<>();

        @Bean
        NotificationPublisher collectingPublisher() {
            return notifications::addAll;
        }
    }
}
