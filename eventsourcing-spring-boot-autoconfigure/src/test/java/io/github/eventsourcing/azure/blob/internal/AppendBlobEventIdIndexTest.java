package io.github.eventsourcing.azure.blob.internal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("AppendBlob: the in-memory index of event ids")
class AppendBlobEventIdIndexTest {

    @Test
    @DisplayName("finds the sequence of every id added, in order, well past its initial capacity")
    void findsSequences() {
        EventIdIndex index = new EventIdIndex();
        for (int i = 1; i <= 20_000; i++) {
            index.add("event-" + i);
        }
        assertThat(index.size()).isEqualTo(20_000);
        for (int i = 1; i <= 20_000; i += 7) {
            assertThat(index.sequenceOf("event-" + i)).isEqualTo(i);
        }
        assertThat(index.sequenceOf("event-20000")).isEqualTo(20_000);
    }

    @Test
    @DisplayName("answers 0 for ids it does not hold, including near misses")
    void unknownIds() {
        EventIdIndex index = new EventIdIndex();
        assertThat(index.sequenceOf("anything")).isZero();
        index.add("Event-1");
        assertThat(index.sequenceOf("event-1")).isZero();
        assertThat(index.sequenceOf("Event-1 ")).isZero();
        assertThat(index.sequenceOf("Event-1")).isEqualTo(1);
    }
}
