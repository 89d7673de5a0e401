package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.notification.NotificationKind;
import io.github.eventsourcing.azure.projection.ClassificationResult;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionName;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.projection.internal.DefaultProjections;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.internal.DefaultEventStreams;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import io.github.eventsourcing.azure.test.eventgrid.EventGridClients;
import io.github.eventsourcing.azure.test.eventgrid.EventGridStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Projection and classification notifications")
class ProjectionNotifierTest {

    record Balance(BigDecimal balance) {
    }

    @EventName("Money Deposited")
    record Deposited(BigDecimal amount) {
    }

    @ProjectionName("Running Balance")
    static class RunningBalance {
        BigDecimal balance = BigDecimal.ZERO;

        @EventHandler
        void on(Deposited deposited) {
            balance = balance.add(deposited.amount());
        }
    }

    private static final StreamId ACCOUNT = StreamId.of("Bank", "Account", "A-1");
    private static final Instant WRITTEN = Instant.parse("2026-01-02T03:04:05Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T04:00:00Z"), ZoneOffset.UTC);

    private EventGridStub endpoint;
    private BestEffortPublisher publisher;

    @BeforeEach
    void start() {
        endpoint = EventGridStub.http();
        publisher = new BestEffortPublisher(EventGridNotificationPublisher.eventGridSchema(
                EventGridClients.eventGridSas(endpoint), 1_000_000), 100);
        publisher.start();
    }

    @AfterEach
    void stop() {
        publisher.close();
        endpoint.close();
    }

    @Test
    @DisplayName("are off unless switched on")
    void offByDefault() {
        ProjectionNotifier notifier = new ProjectionNotifier(publisher, NotificationSwitches.defaults(),
                StorageObjectMapper::create, CLOCK);

        notifier.projectionCompleted("Balance", new ProjectionResult<>(ACCOUNT, true, new Balance(BigDecimal.TEN), 3, WRITTEN));

        assertThat(publisher.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        assertThat(endpoint.requests()).isEmpty();
    }

    @Test
    @DisplayName("carry the projection's state as JSON and the sequence it is current as of")
    void projectionCompleted() {
        ProjectionNotifier notifier = new ProjectionNotifier(publisher, NotificationSwitches.builder()
                .global(NotificationKind.PROJECTION_COMPLETED, true).build(), StorageObjectMapper::create, CLOCK);

        notifier.projectionCompleted("Balance", new ProjectionResult<>(ACCOUNT, true,
                new Balance(new BigDecimal("10.50")), 3, WRITTEN));

        assertThat(publisher.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        String body = endpoint.requests().get(0).body();
        assertThat(body).contains("\"subject\":\"eventsourcing/Bank/Account/Balance/A-1\"",
                "\"eventType\":\"Bank.Account.Balance\"", "\"eventTime\":\"2026-01-02T04:00:00Z\"",
                "{\"kind\":\"ProjectionCompleted\",\"domain\":\"Bank\",\"entityType\":\"Account\",\"instanceKey\":\"A-1\","
                        + "\"projectionName\":\"Balance\",\"asOfSequence\":3,\"asOfTime\":\"2026-01-02T03:04:05Z\","
                        + "\"completedAt\":\"2026-01-02T04:00:00Z\",\"state\":{\"balance\":10.50}}");
    }

    @Test
    @DisplayName("are published for projections run by the library's Projections, which call the notifier")
    void throughProjections() {
        ProjectionNotifier notifier = new ProjectionNotifier(publisher, NotificationSwitches.builder()
                .global(NotificationKind.PROJECTION_COMPLETED, true).build(), StorageObjectMapper::create, CLOCK);
        DefaultEventStreams streams = new DefaultEventStreams(EventStoreRouter.single(new InMemoryEventStore()),
                new EventSerializer(StorageObjectMapper.create(), new EventTypeRegistry()));
        Projections projections = new DefaultProjections(streams, List.of(notifier), Runnable::run);
        streams.stream(ACCOUNT).append(new Deposited(new BigDecimal("1.25")), new Deposited(new BigDecimal("2.50")));

        projections.project(ACCOUNT, RunningBalance.class);

        assertThat(publisher.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        assertThat(endpoint.requests()).hasSize(1);
        assertThat(endpoint.requests().get(0).body()).contains("\"eventType\":\"Bank.Account.Running Balance\"",
                "\"asOfSequence\":2", "\"state\":{\"balance\":3.75}");
    }

    @Test
    @DisplayName("carry the classification's result and parameters; streams that do not exist are not announced")
    void classificationCompleted() {
        ProjectionNotifier notifier = new ProjectionNotifier(publisher, NotificationSwitches.builder()
                .forType("Bank.Account", NotificationKind.CLASSIFICATION_COMPLETED, true).build(),
                StorageObjectMapper::create, CLOCK);

        notifier.classificationCompleted("Balance Below Threshold", new ClassificationResult<>(
                StreamId.of("Bank", "Account", "missing"), false, false, false, false, null, 0, null), Map.of());
        notifier.classificationCompleted("Balance Below Threshold", new ClassificationResult<>(ACCOUNT, true, true,
                true, false, new Object(), 3, WRITTEN), Map.of("threshold", new BigDecimal("100.00")));

        assertThat(publisher.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        assertThat(endpoint.requests()).hasSize(1);
        assertThat(endpoint.requests().get(0).body()).contains(
                "\"eventType\":\"Bank.Account.Balance Below Threshold\"",
                "\"classificationName\":\"Balance Below Threshold\",\"included\":true,\"wasEverIncluded\":true,"
                        + "\"wasEverExcluded\":false,\"asOfSequence\":3",
                "\"parameters\":{\"threshold\":100.00}");
    }
}
