package io.github.eventsourcing.azure.storedformat;

import io.github.eventsourcing.azure.deadletter.internal.StoredDeadLetters;
import io.github.eventsourcing.azure.spi.DeadLetter;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dead letters stored before letters had details ({@code stored-format/dead-letters/v1/}, see the stored-format
 * README) are read by today's code as the notification letters they are, and live next to letters with details.
 */
@DisplayName("Dead letters stored by earlier versions")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DeadLetterStoredFormatTest {

    private Azurite azurite;

    @AfterEach
    void stopAzurite() {
        if (azurite != null) {
            azurite.stop();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(FixtureBackend.class)
    @DisplayName("are read as notification letters without details, alongside a command letter written today")
    void readAsNotificationLetters(FixtureBackend backend) throws IOException, URISyntaxException {
        Path fixture = Path.of(Objects.requireNonNull(getClass().getResource("/stored-format/dead-letters/v1"))
                .toURI()).resolve(backend.folder);
        azurite = Azurite.start(null);
        backend.restore(azurite, fixture);
        EventStore store = backend.store(azurite);

        List<DeadLetter> stored = store.deadLetters().orElseThrow().list();
        assertThat(DeadLetterFixtureJson.json(stored).toString()).as("as the writing code listed them")
                .isEqualTo(DeadLetterFixtureJson.read(fixture).toString());
        assertThat(stored).allSatisfy(letter -> {
            assertThat(letter.kind()).isEqualTo(DeadLetter.NOTIFICATION);
            assertThat(letter.details()).isEmpty();
        });

        StreamId command = StreamId.of(FixtureApp.DOMAIN, "Command-Transfer", "t-1");
        DeadLetter commandLetter = new DeadLetter(DeadLetter.idOf(DeadLetter.COMMAND, command, 9), DeadLetter.COMMAND,
                command, 9, 9, 5, "timeout", Instant.parse("2026-12-06T18:00:00Z"),
                Instant.parse("2026-12-06T18:00:00Z"), Map.of(DeadLetter.STEP, "credit"));
        store.deadLetters().orElseThrow().save(commandLetter);
        StoredDeadLetters record = new StoredDeadLetters(List.of(store), List::of);
        assertThat(record.list(DeadLetter.NOTIFICATION)).isEqualTo(stored);
        assertThat(record.list(DeadLetter.COMMAND)).containsExactly(commandLetter);
    }
}
