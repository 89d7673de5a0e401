package io.github.eventsourcing.azure.benchmark;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;

import java.time.Duration;

/**
 * How every side builds its clients, so that they differ only in their counters: the same connection string, a
 * {@link RoundTrips} of the side's own, and, when a round trip is simulated, the same {@link SimulatedLatency}.
 *
 * @param latency the simulated round trip added to every request; zero for none (the default, and always in CI)
 */
record BenchClients(String connectionString, Duration latency) {

    /** The same clients without the simulated round trip: for set-ups, which are not measured. */
    BenchClients withoutLatency() {
        return new BenchClients(connectionString, Duration.ZERO);
    }

    TableServiceClient table(RoundTrips trips) {
        TableServiceClientBuilder builder = new TableServiceClientBuilder().connectionString(connectionString)
                .addPolicy(trips);
        return (latency.isZero() ? builder : builder.addPolicy(new SimulatedLatency(latency))).buildClient();
    }

    BlobServiceClient blob(RoundTrips trips) {
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder().connectionString(connectionString)
                .addPolicy(trips);
        return (latency.isZero() ? builder : builder.addPolicy(new SimulatedLatency(latency))).buildClient();
    }
}
