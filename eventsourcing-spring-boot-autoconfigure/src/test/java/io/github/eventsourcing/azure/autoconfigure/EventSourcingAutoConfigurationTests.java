package io.github.eventsourcing.azure.autoconfigure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventsourcing.azure.autoconfigure.InMemoryEventStoreAutoConfiguration.InMemoryEventStoreFactory;
import io.github.eventsourcing.azure.autoconfigure.elsewhere.LibraryEvents.LibraryEventHappened;
import io.github.eventsourcing.azure.autoconfigure.scanned.ScannedApplication.ParcelShipped;
import io.github.eventsourcing.azure.autoconfigure.scanned.ScannedApplication;
import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionListener;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.projection.Projections;
import io.github.eventsourcing.azure.projection.internal.DefaultProjections;
import io.github.eventsourcing.azure.spi.AppendRequest;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.spi.StoredEvent;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.EventStoreLimits;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.stream.ExpectedVersion;
import io.github.eventsourcing.azure.stream.EventUpcaster;
import io.github.eventsourcing.azure.stream.RecordedEvent;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.internal.DefaultEventStreams;
import io.github.eventsourcing.azure.stream.internal.EventSerializer;
import io.github.eventsourcing.azure.stream.internal.EventTypeRegistry;
import io.github.eventsourcing.azure.stream.internal.StreamChangeListener;
import io.github.eventsourcing.azure.testing.ForwardingEventStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("EventSourcingAutoConfiguration")
class EventSourcingAutoConfigurationTests {

    private static final StreamId PARCEL = StreamId.of("Shipping", "Parcel", "P-1");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class,
                    InMemoryEventStoreAutoConfiguration.class))
            .withUserConfiguration(ScannedApplication.class)
            .withPropertyValues("eventsourcing.streams.[ALL.ALL].backend=in-memory");

    @Test
    @DisplayName("provides EventStreams that write to and read from the configured backend")
    void providesWorkingEventStreams() {
        runner.run(context -> {
            EventStreams streams = context.getBean(EventStreams.class);
            streams.stream(PARCEL).append(new ParcelShipped("P-1", Instant.parse("2024-05-01T10:00:00Z"), new BigDecimal("1.5")));

            List<RecordedEvent> events = streams.stream(PARCEL).read();
            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.eventName()).isEqualTo("Parcel Shipped");
                assertThat(event.payload()).isEqualTo(new ParcelShipped("P-1", Instant.parse("2024-05-01T10:00:00Z"),
                        new BigDecimal("1.5")));
            });
            assertThat(context).hasSingleBean(DefaultEventStreams.class).hasSingleBean(ConfiguredEventStoreRouter.class);
        });
    }

    @Test
    @DisplayName("registers the @EventName classes of the application's packages before anything is written")
    void scansApplicationPackagesForEventTypes() {
        runner.run(context -> assertThat(context.getBean(EventTypeRegistry.class).classFor("Parcel Shipped"))
                .contains(ParcelShipped.class));
    }

    @Test
    @DisplayName("also scans the packages listed in eventsourcing.event-type-packages")
    void scansExtraPackages() {
        runner.withPropertyValues("eventsourcing.event-type-packages=io.github.eventsourcing.azure.autoconfigure.elsewhere")
                .run(context -> {
                    EventTypeRegistry types = context.getBean(EventTypeRegistry.class);
                    assertThat(types.classFor("Library Event Happened")).contains(LibraryEventHappened.class);
                    assertThat(types.classFor("Parcel Shipped")).contains(ParcelShipped.class);
                });
        runner.run(context -> assertThat(context.getBean(EventTypeRegistry.class).classFor("Library Event Happened"))
                .isEmpty());
    }

    @Test
    @DisplayName("reads older stored shapes through the application's EventUpcaster beans")
    void registersUpcasterBeans() {
        runner.withUserConfiguration(UpcasterConfiguration.class).run(context -> {
            InMemoryEventStore store = inMemoryStore(context);
            // A "Parcel Shipped" v0-style row written by old code, with the weight in grams under another name.
            store.append(PARCEL, new io.github.eventsourcing.azure.spi.AppendRequest(List.of(
                    new io.github.eventsourcing.azure.spi.EventRecord("e-1", "Parcel Sent", 1,
                            "{\"parcel\":\"P-1\",\"grams\":2500}".getBytes(StandardCharsets.UTF_8))),
                    -1, io.github.eventsourcing.azure.stream.ExistenceConstraint.LOOSE,
                    io.github.eventsourcing.azure.stream.WriteContext.EMPTY, Instant.now()));

            Object payload = context.getBean(EventStreams.class).stream(PARCEL).read().get(0).payload();

            assertThat(payload).isEqualTo(new ParcelShipped("P-1", null, new BigDecimal("2.5")));
        });
    }

    @Test
    @DisplayName("stores the same JSON whatever spring.jackson.* says, and leaves the application's ObjectMapper alone")
    void storageJsonIgnoresSpringJacksonSettings() {
        ApplicationContextRunner withJackson = runner
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class));
        String plain = storedJson(withJackson);
        String customized = storedJson(withJackson.withPropertyValues(
                "spring.jackson.property-naming-strategy=SNAKE_CASE",
                "spring.jackson.serialization.write-dates-as-timestamps=true",
                "spring.jackson.default-property-inclusion=always",
                "spring.jackson.serialization.indent-output=true"));

        assertThat(customized).isEqualTo(plain)
                .isEqualTo("{\"parcel\":\"P-1\",\"shippedAt\":\"2024-05-01T10:00:00Z\",\"weight\":1.5}");
        withJackson.withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE").run(context -> {
            ObjectMapper applicationMapper = context.getBean(ObjectMapper.class);
            assertThat(applicationMapper).isNotSameAs(
                    context.getBean(EventSourcingAutoConfiguration.STORAGE_OBJECT_MAPPER_BEAN_NAME));
            // The application's own mapper does follow spring.jackson.*.
            assertThat(applicationMapper.writeValueAsString(new ParcelShipped("P-1", Instant.EPOCH, null)))
                    .contains("\"shipped_at\"");
        });
    }

    @Test
    @DisplayName("keeps the storage mapper out of injection by type, so the application's own ObjectMapper stays unique")
    void storageMapperIsNoCandidateForInjectionByType() {
        ObjectMapper applicationMapper = new ObjectMapper();
        runner.withBean("applicationMapper", ObjectMapper.class, () -> applicationMapper)
                .withBean(MapperUser.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(MapperUser.class).mapper).isSameAs(applicationMapper);
                    assertThat(context.getBean(EventSerializer.class).mapper()).isNotSameAs(applicationMapper);
                });
    }

    static class MapperUser {
        final ObjectMapper mapper;

        MapperUser(ObjectMapper mapper) {
            this.mapper = mapper;
        }
    }

    @Test
    @DisplayName("hands the application's Jackson modules to the storage mapper")
    void storageMapperUsesApplicationModules() {
        runner.withUserConfiguration(MoneyModuleConfiguration.class).run(context -> {
            context.getBean(EventStreams.class).stream(PARCEL).append(new ParcelShipped("P-1", null, new BigDecimal("2")));
            assertThat(rawJson(context)).isEqualTo("{\"parcel\":\"P-1\",\"weight\":\"2 kg\"}");
        });
    }

    @Test
    @DisplayName("takes write times from the application's Clock bean, if it has one")
    void usesApplicationClock() {
        Instant fixed = Instant.parse("2030-01-02T03:04:05.678Z");
        runner.withBean(Clock.class, () -> Clock.fixed(fixed, ZoneOffset.UTC)).run(context -> {
            EventStreams streams = context.getBean(EventStreams.class);
            streams.stream(PARCEL).append(new ParcelShipped("P-1", null, null));
            assertThat(streams.stream(PARCEL).read().get(0).writtenAt()).isEqualTo(fixed);
        });
    }

    @Test
    @DisplayName("tells StreamChangeListener beans about every committed append")
    void notifiesStreamChangeListeners() {
        List<String> heard = new ArrayList<>();
        StreamChangeListener listener = new StreamChangeListener() {
            @Override
            public void appended(StreamId id, AppendResult result) {
                heard.add(id + "@" + result.lastSequence());
            }
        };
        runner.withBean(StreamChangeListener.class, () -> listener).run(context -> {
            context.getBean(EventStreams.class).stream(PARCEL).append(new ParcelShipped("P-1", null, null));
            assertThat(heard).containsExactly("Shipping/Parcel/P-1@1");
        });
    }

    @Test
    @DisplayName("provides Projections over the same streams, telling ProjectionListener beans of each result")
    void providesProjections() {
        List<String> completed = new ArrayList<>();
        ProjectionListener listener = new ProjectionListener() {
            @Override
            public void projectionCompleted(String name, ProjectionResult<?> result) {
                completed.add(name + "@" + result.asOfSequence());
            }
        };
        runner.withBean(ProjectionListener.class, () -> listener).run(context -> {
            context.getBean(EventStreams.class).stream(PARCEL).append(new ParcelShipped("P-1", null, null),
                    new ParcelShipped("P-1", null, null));

            ProjectionResult<ParcelCount> result = context.getBean(Projections.class).project(PARCEL, ParcelCount.class);

            assertThat(result.state().shipments).isEqualTo(2);
            assertThat(completed).containsExactly("ParcelCount@2");
        });
    }

    @Test
    @DisplayName("backs off from the application's own Projections")
    void backsOffFromApplicationProjections() {
        Projections own = new DefaultProjections(new DefaultEventStreams(EventStoreRouter.single(new InMemoryEventStore()),
                new EventSerializer(new ObjectMapper(), new EventTypeRegistry())));
        runner.withBean(Projections.class, () -> own)
                .run(context -> assertThat(context.getBean(Projections.class)).isSameAs(own));
    }

    static class ParcelCount {
        int shipments;

        @EventHandler
        void on(ParcelShipped shipped) {
            shipments++;
        }
    }

    @Test
    @DisplayName("binds eventsourcing.limits.* into the EventStoreLimits")
    void bindsLimits() {
        runner.withPropertyValues("eventsourcing.limits.max-events-per-append=10",
                        "eventsourcing.limits.max-event-size=64KB", "eventsourcing.limits.max-append-size=1MB")
                .run(context -> assertThat(context.getBean(EventStoreLimits.class))
                        .isEqualTo(new EventStoreLimits(10, 64 * 1024, 1024 * 1024)));
    }

    @Test
    @DisplayName("keeps a version cache by default, so a second append without an expected version tries at the version "
            + "the first left; eventsourcing.appends.version-cache-size=0 turns it off")
    void versionCache() {
        assertThat(expectedVersionsReachingTheStore(runner)).containsExactly(ExpectedVersion.ANY, 1L);
        assertThat(expectedVersionsReachingTheStore(runner.withPropertyValues(
                "eventsourcing.appends.version-cache-size=0"))).containsExactly(ExpectedVersion.ANY, ExpectedVersion.ANY);
    }

    private static List<Long> expectedVersionsReachingTheStore(ApplicationContextRunner runner) {
        List<Long> expected = new ArrayList<>();
        EventStore recording = new ForwardingEventStore() {
            @Override
            public AppendResult append(StreamId id, AppendRequest request) {
                expected.add(request.expectedVersion());
                return super.append(id, request);
            }
        };
        runner.withBean(EventStoreRouter.class, () -> EventStoreRouter.single(recording)).run(context -> {
            EventStream parcel = context.getBean(EventStreams.class).stream(PARCEL);
            parcel.append(new ParcelShipped("P-1", null, null));
            parcel.append(new ParcelShipped("P-1", null, null));
        });
        return expected;
    }

    @Test
    @DisplayName("a negative outcome-check timeout fails at start-up and says what to set")
    void negativeOutcomeCheckTimeout() {
        FailureAnalysis analysis = EventSourcingConfigurationFailureAnalyzerTests.failure(runner,
                "eventsourcing.appends.outcome-check-timeout=-1s");
        assertThat(analysis.getDescription()).contains("eventsourcing.appends.outcome-check-timeout is 'PT-1S'");
        assertThat(analysis.getAction()).contains("Set it to 0 or more");
    }

    @Test
    @DisplayName("documents the same default limits as EventStoreLimits.DEFAULT")
    void defaultLimitsMatchTheLibrary() {
        runner.run(context -> assertThat(context.getBean(EventStoreLimits.class)).isEqualTo(EventStoreLimits.DEFAULT));
    }

    @Test
    @DisplayName("backs off from every bean the application defines itself")
    void backsOffFromApplicationBeans() {
        EventStoreLimits limits = new EventStoreLimits(5, 2048, 4096);
        EventTypeRegistry registry = new EventTypeRegistry();
        ObjectMapper storageMapper = OwnStorageMapperConfiguration.MAPPER;
        EventStoreRouter router = EventStoreRouter.single(new InMemoryEventStore());
        runner.withBean(EventStoreLimits.class, () -> limits)
                .withBean(EventTypeRegistry.class, () -> registry)
                .withUserConfiguration(OwnStorageMapperConfiguration.class)
                .withBean(EventStoreRouter.class, () -> router)
                .run(context -> {
                    assertThat(context.getBean(EventStoreLimits.class)).isSameAs(limits);
                    assertThat(context.getBean(EventTypeRegistry.class)).isSameAs(registry);
                    assertThat(context).doesNotHaveBean(ConfiguredEventStoreRouter.class);
                    EventSerializer serializer = context.getBean(EventSerializer.class);
                    assertThat(serializer.mapper()).isSameAs(storageMapper);
                    DefaultEventStreams streams = (DefaultEventStreams) context.getBean(EventStreams.class);
                    assertThat(streams.router()).isSameAs(router);
                    assertThat(streams.limits()).isSameAs(limits);
                });
        EventStreams own = new DefaultEventStreams(router, new EventSerializer(storageMapper, registry));
        Projections ownProjections = new DefaultProjections(own);
        runner.withBean(EventStreams.class, () -> own).withBean(Projections.class, () -> ownProjections)
                .run(context -> {
                    assertThat(context.getBean(EventStreams.class)).isSameAs(own);
                    assertThat(context.getBean(Projections.class)).isSameAs(ownProjections);
                });
    }

    private static String storedJson(ApplicationContextRunner runner) {
        String[] json = new String[1];
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            context.getBean(EventStreams.class).stream(PARCEL)
                    .append(new ParcelShipped("P-1", Instant.parse("2024-05-01T10:00:00Z"), new BigDecimal("1.5")));
            json[0] = rawJson(context);
        });
        return json[0];
    }

    private static String rawJson(AssertableApplicationContext context) {
        List<StoredEvent> stored = new ArrayList<>();
        inMemoryStore(context).read(PARCEL, 1, Long.MAX_VALUE, stored::add);
        return new String(stored.get(0).data(), StandardCharsets.UTF_8);
    }

    private static InMemoryEventStore inMemoryStore(AssertableApplicationContext context) {
        return (InMemoryEventStore) context.getBean(InMemoryEventStoreFactory.class).create(null);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStorageMapperConfiguration {

        static final ObjectMapper MAPPER = new ObjectMapper();

        @Bean(name = EventSourcingAutoConfiguration.STORAGE_OBJECT_MAPPER_BEAN_NAME, defaultCandidate = false)
        ObjectMapper ownStorageMapper() {
            return MAPPER;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UpcasterConfiguration {

        @Bean
        EventUpcaster parcelSentToParcelShipped() {
            return new EventUpcaster() {
                @Override
                public String eventName() {
                    return "Parcel Sent";
                }

                @Override
                public int fromVersion() {
                    return 1;
                }

                @Override
                public ObjectNode upcast(ObjectNode stored) {
                    long grams = stored.remove("grams").asLong();
                    return stored.put("weight", BigDecimal.valueOf(grams, 3).stripTrailingZeros());
                }

                @Override
                public String upcastName() {
                    return "Parcel Shipped";
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MoneyModuleConfiguration {

        @Bean
        com.fasterxml.jackson.databind.Module kilogramsModule() {
            return new com.fasterxml.jackson.databind.module.SimpleModule("kilograms")
                    .addSerializer(BigDecimal.class, new com.fasterxml.jackson.databind.ser.std.StdSerializer<>(BigDecimal.class) {
                        @Override
                        public void serialize(BigDecimal value, com.fasterxml.jackson.core.JsonGenerator generator,
                                              com.fasterxml.jackson.databind.SerializerProvider provider)
                                throws java.io.IOException {
                            generator.writeString(value.toPlainString() + " kg");
                        }
                    });
        }
    }
}
