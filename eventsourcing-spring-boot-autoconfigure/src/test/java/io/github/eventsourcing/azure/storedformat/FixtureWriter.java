package io.github.eventsourcing.azure.storedformat;

import io.github.eventsourcing.azure.storedformat.FixtureEvents.AccountOpened;
import io.github.eventsourcing.azure.storedformat.FixtureEvents.Balance;
import io.github.eventsourcing.azure.storedformat.FixtureEvents.MoneyDeposited;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.NewEvent;
import io.github.eventsourcing.azure.stream.WriteContext;
import io.github.eventsourcing.azure.test.Azurite;
import io.github.eventsourcing.azure.test.eventgrid.EventGridStub;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes the stored-format fixture of the code it runs with: the same few streams through each durable backend on
 * a fresh Azurite, then the storage dumped into {@code <dir>/<backend>/} with what the library reads from it and the
 * notifications it publishes. Run by hand when the stored format changes (see {@code stored-format/README.md}),
 * through Surefire like the benchmark:
 * <pre>mvn -B -q -pl eventsourcing-spring-boot-autoconfigure test -Dtest=FixtureWriter -Dstored-format.write=v2 \
 *   -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * which writes {@code src/test/resources/stored-format/v2/}; {@code -Dstored-format.backends=table} writes only the
 * backends named (folder names, comma-separated), for a change that leaves the others' format as it was.
 */
class FixtureWriter {

    @Test
    @EnabledIfSystemProperty(named = "stored-format.write", matches = "v[0-9]+")
    @DisplayName("the fixture of the stored format this code writes is written")
    void writeFixture() throws Exception {
        Path target = Path.of("src/test/resources/stored-format", System.getProperty("stored-format.write"));
        List<FixtureBackend> backends = Arrays.stream(System.getProperty("stored-format.backends", "table,appendblob")
                .split(",")).map(FixtureBackend::ofFolder).toList();
        write(target, backends);
        for (FixtureBackend backend : backends) {
            assertThat(target.resolve(backend.folder).resolve(FixtureJson.STREAMS)).isNotEmptyFile();
        }
    }

    static void write(Path target, List<FixtureBackend> backends) throws Exception {
        for (FixtureBackend backend : backends) {
            Azurite azurite = Azurite.start(null);
            try (EventGridStub endpoint = EventGridStub.http()) {
                Path dir = Files.createDirectories(target.resolve(backend.folder));
                FixtureApp app = new FixtureApp(backend.store(azurite));
                write(app, endpoint);
                backend.dump(azurite, dir);
                FixtureJson.write(dir.resolve(FixtureJson.STREAMS), FixtureJson.streams(app));
                endpoint.clear();
                FixtureJson.write(dir.resolve(FixtureJson.NOTIFICATIONS),
                        FixtureJson.notifications(app.publishPending(endpoint)));
            } finally {
                azurite.stop();
            }
        }
    }

    /**
     * A stream with write contexts and explicit ids, a snapshot, published notifications and a pending one after
     * them; a deleted stream; a stream over two AppendBlob segments; and a key that needs escaping.
     */
    private static void write(FixtureApp app, EventGridStub endpoint) {
        WriteContext opening = new WriteContext("alice", "fixture-writer", "opened at the branch", "corr-1", "cause-1",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        EventStream alice = app.account("alice");
        alice.append(List.of(NewEvent.of(new AccountOpened("Alice"), "evt-alice-1")),
                AppendOptions.mustBeNew().withContext(opening));
        alice.append(List.of(NewEvent.of(new MoneyDeposited(1000), "evt-alice-2"), new MoneyDeposited(250)),
                AppendOptions.expectingVersion(1).withContext(WriteContext.empty().withWho("alice")
                        .withCorrelationId("corr-2")));
        app.projections.project(alice.id(), Balance.class); // snapshot at 3
        app.publishPending(endpoint);
        alice.append(new MoneyDeposited(50));

        EventStream bob = app.account("bob");
        bob.append(new AccountOpened("Bob"), new MoneyDeposited(5));
        bob.delete();

        EventStream carol = app.account("carol");
        carol.append(new AccountOpened("Carol"));
        for (int cents = 1; cents <= 4; cents++) {
            carol.append(new MoneyDeposited(cents));
        }

        app.account("dave/ü 1").append(new AccountOpened("Dave"));
    }
}
