package io.github.eventsourcing.azure.storedformat;

import io.github.eventsourcing.azure.spi.DeadLetter;
import io.github.eventsourcing.azure.spi.DeadLetterStore;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes the stored-format fixture of the dead letters this code writes, into
 * {@code stored-format/dead-letters/<version>/<backend>/}: the storage dumped, and the letters as this code lists
 * them ({@code letters.json}). Run by hand when the dead letters' stored form changes (see
 * {@code stored-format/README.md}):
 * <pre>mvn -B -q -pl eventsourcing-spring-boot-autoconfigure test -Dtest=DeadLetterFixtureWriter \
 *   -Dstored-format.write-dead-letters=v1 -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class DeadLetterFixtureWriter {

    @Test
    @EnabledIfSystemProperty(named = "stored-format.write-dead-letters", matches = "v[0-9]+")
    @DisplayName("the fixture of the dead letters this code stores is written")
    void writeFixture() throws Exception {
        Path target = Path.of("src/test/resources/stored-format/dead-letters",
                System.getProperty("stored-format.write-dead-letters"));
        for (FixtureBackend backend : FixtureBackend.values()) {
            Azurite azurite = Azurite.start(null);
            try {
                Path dir = Files.createDirectories(target.resolve(backend.folder));
                DeadLetterStore store = backend.store(azurite).deadLetters().orElseThrow();
                letters().forEach(store::save);
                backend.dumpDeadLetters(azurite, dir);
                DeadLetterFixtureJson.write(dir, store.list());
            } finally {
                azurite.stop();
            }
        }
    }

    /** What the notification dispatcher files: one letter of a stream whose events 4 to 6 were refused. */
    static List<DeadLetter> letters() {
        StreamId stream = StreamId.of(FixtureApp.DOMAIN, FixtureApp.ENTITY, "erin/ü 2");
        return List.of(new DeadLetter(DeadLetter.idOf(DeadLetter.NOTIFICATION, stream, 4), DeadLetter.NOTIFICATION,
                stream, 4, 6, 10, "HTTP 400 \"invalid ünïcode\"", Instant.parse("2026-12-06T17:00:00.123Z"),
                Instant.parse("2026-12-06T17:01:30.456Z")));
    }
}
