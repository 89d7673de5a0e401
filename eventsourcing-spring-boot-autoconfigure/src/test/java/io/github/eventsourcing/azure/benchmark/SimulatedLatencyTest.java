package io.github.eventsourcing.azure.benchmark;

import com.azure.data.tables.TableClient;
import io.github.eventsourcing.azure.test.Azurite;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Simulated latency of the benchmark")
class SimulatedLatencyTest {

    @Test
    @DisplayName("every request of a benchmark client waits the simulated round trip, and is counted once")
    void everyRequestWaitsTheSimulatedRoundTrip() {
        RoundTrips trips = new RoundTrips();
        TableClient table = new BenchClients(Azurite.get().connectionString(), Duration.ofMillis(40)).table(trips)
                .createTableIfNotExists("latency" + UUID.randomUUID().toString().replace("-", "").substring(0, 8));

        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            table.listEntities().stream().count();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(trips.count()).isEqualTo(6);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(5 * 40));
    }
}
