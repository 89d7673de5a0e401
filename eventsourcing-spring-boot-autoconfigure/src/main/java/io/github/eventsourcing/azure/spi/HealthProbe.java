package io.github.eventsourcing.azure.spi;

import java.time.Duration;
import java.util.Map;

/**
 * Offered by an {@link EventStore} through {@link EventStore#healthProbe()}: tells, with one cheap request, whether
 * the storage behind the store can be reached and accepts the store's credentials. The actuator health indicator calls it for
 * every configured connection.
 */
public interface HealthProbe {

    /**
     * Makes one cheap request that succeeds only when the storage is reachable and authorises this store (for
     * example listing at most one table, or asking whether the store's container exists).
     *
     * @param timeout how long the request may take; the caller stops waiting after it anyway
     * @return details to show on the health endpoint (such as the service endpoint); never a secret, so no
     *         connection string, account key or shared access signature
     * @throws RuntimeException when the storage cannot be reached, refuses the credentials or does not answer in time
     */
    Map<String, Object> checkHealth(Duration timeout);
}
