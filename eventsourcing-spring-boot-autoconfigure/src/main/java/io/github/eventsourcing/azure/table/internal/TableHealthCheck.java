package io.github.eventsourcing.azure.table.internal;

import com.azure.core.util.Context;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.ListTablesOptions;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health probe of the Table backend: lists at most one table, which needs the account to be reachable and to
 * accept the store's credentials (shared key, SAS or a role such as Storage Table Data Reader), and reads nothing
 * of the streams.
 */
final class TableHealthCheck {

    private TableHealthCheck() {
    }

    static Map<String, Object> check(TableServiceClient service, Duration timeout) {
        String endpoint = service.getServiceEndpoint();
        try {
            // Only the first page is requested: one request of at most one table.
            service.listTables(new ListTablesOptions().setTop(1), timeout, Context.NONE).iterableByPage().iterator()
                    .next();
        } catch (RuntimeException failure) {
            throw TableFailures.translate(failure, endpoint, "listing tables to check health", false);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("endpoint", endpoint);
        return details;
    }
}
