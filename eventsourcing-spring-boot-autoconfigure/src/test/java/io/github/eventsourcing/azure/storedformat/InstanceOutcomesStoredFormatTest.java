package io.github.eventsourcing.azure.storedformat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import io.github.eventsourcing.azure.command.FanOutResults;
import io.github.eventsourcing.azure.command.event.InstanceOutcomesRecorded;
import io.github.eventsourcing.azure.command.event.InstanceOutcomesRecorded.Outcome;
import io.github.eventsourcing.azure.stream.internal.StorageObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fan-out outcomes gained an optional value and version (a query's targets return values). Outcomes recorded before,
 * kept in {@code stored-format/events/instance-outcomes-recorded-v1.json}, must still read, and outcomes without a
 * value must still be written exactly as before, so that older instances of an application read them too.
 */
@DisplayName("Instance Outcomes Recorded, as stored before outcomes had values")
class InstanceOutcomesStoredFormatTest {

    private static final String FIXTURE = "/stored-format/events/instance-outcomes-recorded-v1.json";

    private final ObjectMapper mapper = StorageObjectMapper.create();

    @Test
    @DisplayName("reads as outcomes without a value or version, and folds into the fan-out results as before")
    void readsOldOutcomes() throws IOException {
        InstanceOutcomesRecorded recorded = mapper.readValue(fixture(), InstanceOutcomesRecorded.class);

        assertThat(recorded.outcomes()).containsExactly(new Outcome("acct-1", "added", null, 1),
                new Outcome("acct-2", "failed", "java.lang.IllegalStateException: storage hiccup on acct-2", 2));
        assertThat(recorded.outcomes()).allSatisfy(outcome -> {
            assertThat(outcome.value()).isNull();
            assertThat(outcome.version()).isNull();
        });
        FanOutResults results = new FanOutResults();
        results.on(recorded);
        assertThat(results.countsOf("accrue")).isEqualTo(Map.of("added", 1, "failed", 1));
    }

    @Test
    @DisplayName("outcomes without a value are written exactly as before; a value and version are added only when given")
    void writesOutcomesWithoutValueUnchanged() throws IOException {
        InstanceOutcomesRecorded old = new InstanceOutcomesRecorded("accrue", List.of(
                new Outcome("acct-1", "added", null, 1),
                new Outcome("acct-2", "failed", "java.lang.IllegalStateException: storage hiccup on acct-2", 2)));
        assertThat(mapper.writeValueAsString(old)).isEqualTo(fixture().strip());

        InstanceOutcomesRecorded withValue = new InstanceOutcomesRecorded("values", List.of(
                new Outcome("acct-1", "returned", null, 1, IntNode.valueOf(5), 3L)));
        assertThat(mapper.writeValueAsString(withValue)).isEqualTo("{\"outcomes\":[{\"key\":\"acct-1\","
                + "\"outcome\":\"returned\",\"pass\":1,\"value\":5,\"version\":3}],\"step\":\"values\"}");
        assertThat(mapper.readValue(mapper.writeValueAsString(withValue), InstanceOutcomesRecorded.class))
                .isEqualTo(withValue);
    }

    private static String fixture() throws IOException {
        try (InputStream in = InstanceOutcomesStoredFormatTest.class.getResourceAsStream(FIXTURE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
