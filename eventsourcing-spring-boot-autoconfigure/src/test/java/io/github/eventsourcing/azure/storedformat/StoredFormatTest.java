package io.github.eventsourcing.azure.storedformat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.storedformat.FixtureEvents.AccountOpened;
import io.github.eventsourcing.azure.storedformat.FixtureEvents.Balance;
import io.github.eventsourcing.azure.storedformat.FixtureEvents.MoneyDeposited;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.AppendResult;
import io.github.eventsourcing.azure.stream.EventIdConflictException;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.NewEvent;
import io.github.eventsourcing.azure.stream.UnsupportedStoredFormatException;
import io.github.eventsourcing.azure.test.Azurite;
import io.github.eventsourcing.azure.test.eventgrid.DeliveredNotifications.Delivered;
import io.github.eventsourcing.azure.test.eventgrid.EventGridStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Data written by earlier versions of the library stays usable: each committed fixture ({@code stored-format/v<N>/},
 * see its README) is restored into a fresh Azurite, and today's code reads it, folds from its snapshot, publishes
 * its pending notifications and appends to it.
 */
@DisplayName("Stored data of every earlier format")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StoredFormatTest {

    private Azurite azurite;

    static Stream<Arguments> fixtures() throws IOException, URISyntaxException {
        Path root = Path.of(Objects.requireNonNull(StoredFormatTest.class.getResource("/stored-format")).toURI());
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).sorted()
                    .flatMap(version -> Arrays.stream(FixtureBackend.values())
                            .filter(backend -> Files.isDirectory(root.resolve(version).resolve(backend.folder)))
                            .map(backend -> Arguments.of(version, backend, root.resolve(version).resolve(backend.folder))))
                    .toList().stream();
        }
    }

    @AfterEach
    void stopAzurite() {
        if (azurite != null) {
            azurite.stop();
        }
    }

    /** The fixture in a fresh Azurite, and the library on it. */
    private FixtureApp restored(FixtureBackend backend, Path fixture) throws IOException {
        azurite = Azurite.start(null);
        backend.restore(azurite, fixture);
        return new FixtureApp(backend.store(azurite));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("fixtures")
    @DisplayName("is read as written, folded from its snapshot, published and appended to")
    void readFoldPublishAppend(String version, FixtureBackend backend, Path fixture) throws IOException {
        FixtureApp app = restored(backend, fixture);

        assertThat(FixtureJson.streams(app)).as("streams as read")
                .isEqualTo(FixtureJson.read(fixture.resolve(FixtureJson.STREAMS)));

        FixtureEvents.HANDLED.set(0);
        ProjectionResult<Balance> balance = app.projections.project(app.account("alice").id(), Balance.class);
        assertThat(balance.state().owner).isEqualTo("Alice");
        assertThat(balance.state().cents).isEqualTo(1300);
        assertThat(balance.asOfSequence()).isEqualTo(4);
        assertThat(FixtureEvents.HANDLED).as("events folded after the snapshot at 3").hasValue(1);

        try (EventGridStub endpoint = EventGridStub.http()) {
            assertThat(FixtureJson.notifications(app.publishPending(endpoint))).as("pending notifications published")
                    .isEqualTo(FixtureJson.read(fixture.resolve(FixtureJson.NOTIFICATIONS)));

            appendToEveryStream(app);

            endpoint.clear();
            assertThat(app.publishPending(endpoint)).extracting(Delivered::kind, Delivered::instanceKey, Delivered::sequence)
                    .containsExactlyInAnyOrder(
                            tuple("NewEvent", "alice", 5L),
                            tuple("NewEntity", "bob", 0L),
                            tuple("NewEvent", "bob", 1L),
                            tuple("NewEvent", "carol", 6L),
                            tuple("NewEvent", "carol", 7L),
                            tuple("NewEvent", "dave/ü 1", 2L));
        }
    }

    /** Each backend's newest fixture: the data as today's code writes it. */
    static Stream<Arguments> newestFixtures() throws IOException, URISyntaxException {
        Map<FixtureBackend, Arguments> newest = new EnumMap<>(FixtureBackend.class);
        fixtures().forEach(fixture -> newest.put((FixtureBackend) fixture.get()[1], fixture));
        return newest.values().stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("newestFixtures")
    @DisplayName("of a version newer than the library knows is refused with a clear exception, and left as it is")
    void newerFormatRefused(String version, FixtureBackend backend, Path fixture) throws IOException {
        FixtureApp app = restored(backend, fixture);
        backend.markFutureFormat(azurite, "alice");

        assertThatThrownBy(() -> app.account("alice").read())
                .isInstanceOf(UnsupportedStoredFormatException.class)
                .hasMessageContaining("99").hasMessageContaining("upgrade the library");
        assertThat(app.account("carol").read()).as("other streams stay readable").hasSize(5);
        backend.markFutureFormat(azurite, "alice"); // still there to be marked: nothing was removed
    }

    private static void appendToEveryStream(FixtureApp app) {
        EventStream alice = app.account("alice");
        assertThat(alice.append(new MoneyDeposited(7), AppendOptions.expectingVersion(4)).firstSequence()).isEqualTo(5);
        AppendResult replay = alice.append(List.of(NewEvent.of(new AccountOpened("Alice"), "evt-alice-1")),
                AppendOptions.defaults());
        assertThat(replay.alreadyApplied()).as("an event id of the stored data is known").isTrue();
        assertThat(replay.firstSequence()).isEqualTo(1);
        assertThatThrownBy(() -> alice.append(List.of(NewEvent.of(new AccountOpened("Mallory"), "evt-alice-1")),
                AppendOptions.defaults()))
                .as("an event id of the stored data reused with another event, told by the id row's digest (Table v3) "
                        + "or by reading the stored event")
                .isInstanceOfSatisfying(EventIdConflictException.class,
                        conflict -> assertThat(conflict.eventIds()).containsExactly("evt-alice-1"));

        EventStream bob = app.account("bob");
        assertThat(bob.append(new AccountOpened("Bob"), AppendOptions.mustBeNew()).streamCreated()).isTrue();

        // On AppendBlob, carol's second segment is full after one more block: the next append starts a third.
        EventStream carol = app.account("carol");
        carol.append(new MoneyDeposited(6), AppendOptions.expectingVersion(5));
        carol.append(new MoneyDeposited(7), AppendOptions.expectingVersion(6));
        assertThat(carol.read()).extracting(event -> event.sequence()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);

        EventStream dave = app.account("dave/ü 1");
        assertThat(dave.append(new MoneyDeposited(1), AppendOptions.expectingVersion(1)).firstSequence()).isEqualTo(2);

        FixtureEvents.HANDLED.set(0);
        assertThat(app.projections.project(alice.id(), Balance.class).state().cents).isEqualTo(1307);
    }
}
