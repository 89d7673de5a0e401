package io.github.eventsourcing.azure.autoconfigure.actuate;

import io.github.eventsourcing.azure.actuate.internal.StorageHealthIndicator.Target;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.spi.EventStoreRouter;
import io.github.eventsourcing.azure.spi.EventStoreRouter.Route;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The stores of the router's routes, each once, with the rules it serves: what the health indicator probes. */
final class RoutedStores {

    private RoutedStores() {
    }

    static List<Target> targets(EventStoreRouter router) {
        Map<EventStore, Route> firstRoutes = new IdentityHashMap<>();
        Map<EventStore, List<String>> rules = new IdentityHashMap<>();
        List<EventStore> stores = new ArrayList<>();
        for (Route route : router.routes()) {
            EventStore store = router.storeFor(route.streamType());
            if (!firstRoutes.containsKey(store)) {
                stores.add(store);
                firstRoutes.put(store, route);
                rules.put(store, new ArrayList<>());
            }
            rules.get(store).add(route.rule());
        }
        return stores.stream().map(store -> new Target(firstRoutes.get(store).connection(),
                firstRoutes.get(store).backend(), rules.get(store), store.healthProbe().orElse(null))).toList();
    }
}
