package io.github.eventsourcing.azure.autoconfigure.actuate;

import io.github.eventsourcing.azure.actuate.internal.StorageHealthIndicator.Target;
import io.github.eventsourcing.azure.autoconfigure.ConfiguredEventStoreRouter.Route;
import io.github.eventsourcing.azure.autoconfigure.ConfiguredEventStoreRouter;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.HealthProbe;
import io.github.eventsourcing.azure.stream.StreamId.StreamType;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The stores the configured rules use, each once, with the rules it serves: what the health indicator probes. */
final class ConfiguredStores {

    private ConfiguredStores() {
    }

    /**
     * @param ruleKeys the keys of {@code eventsourcing.streams}, e.g. {@code Bank.ALL}
     */
    static List<Target> targets(ConfiguredEventStoreRouter router, Iterable<String> ruleKeys) {
        Map<EventStore, Route> routes = new IdentityHashMap<>();
        Map<EventStore, List<String>> rules = new IdentityHashMap<>();
        List<EventStore> stores = new ArrayList<>();
        for (String key : ruleKeys) {
            // A rule key names a domain/entity ("ALL" is a valid name), whose most specific rule is the rule itself.
            String[] parts = key.split("\\.", 2);
            StreamType type = new StreamType(parts[0], parts[1]);
            EventStore store = router.storeFor(type);
            if (!routes.containsKey(store)) {
                stores.add(store);
                routes.put(store, router.route(type).orElseThrow());
                rules.put(store, new ArrayList<>());
            }
            rules.get(store).add(key);
        }
        return stores.stream().map(store -> new Target(routes.get(store).connection(), routes.get(store).backend(),
                rules.get(store), store instanceof HealthProbe probe ? probe : null)).toList();
    }
}
