package io.github.eventsourcing.azure.notification.internal;

import io.github.eventsourcing.azure.stream.StreamId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Notification ids")
class NotificationIdsTest {

    private static final StreamId ACCOUNT = StreamId.of("Bank", "Account", "A-0001");

    @Test
    @DisplayName("are the same every time for the same change, in any process")
    void stable() {
        assertThat(NotificationIds.newEvent(ACCOUNT, "g1", 7)).isEqualTo(NotificationIds.newEvent(ACCOUNT, "g1", 7));
        assertThat(NotificationIds.newEntity(ACCOUNT, "g1")).isEqualTo(NotificationIds.newEntity(ACCOUNT, "g1"));
        // Pinned (computed independently with Python's uuid.uuid5): a change of the naming scheme would make every
        // subscriber see old changes as new ones.
        assertThat(NotificationIds.newEvent(ACCOUNT, "g1", 7)).isEqualTo("2c141326-8b7d-512c-963c-a8b758334f32");
    }

    @Test
    @DisplayName("are RFC 4122 version 5 UUIDs")
    void versionFive() {
        UUID id = UUID.fromString(NotificationIds.newEntity(ACCOUNT, "g1"));
        assertThat(id.version()).isEqualTo(5);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    @DisplayName("differ between kinds, sequences, streams and generations (a re-created stream gets new ids)")
    void distinct() {
        Set<String> ids = new HashSet<>();
        ids.add(NotificationIds.newEntity(ACCOUNT, "g1"));
        ids.add(NotificationIds.newEntity(ACCOUNT, "g2"));
        ids.add(NotificationIds.newEvent(ACCOUNT, "g1", 1));
        ids.add(NotificationIds.newEvent(ACCOUNT, "g1", 2));
        ids.add(NotificationIds.newEvent(ACCOUNT, "g2", 1));
        ids.add(NotificationIds.deletedEntity(ACCOUNT, "g1"));
        ids.add(NotificationIds.newEvent(StreamId.of("Bank", "Account", "A-0002"), "g1", 1));
        ids.add(NotificationIds.newEvent(StreamId.of("Bank", "Loan", "A-0001"), "g1", 1));
        assertThat(ids).hasSize(8);
    }
}
