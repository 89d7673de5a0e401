package io.github.eventsourcing.azure.autoconfigure.scanned;

import io.github.eventsourcing.azure.stream.EventName;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** Stands in for an application's {@code @SpringBootApplication}: its package is the auto-configuration package. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class ScannedApplication {

    @EventName("Parcel Shipped")
    public record ParcelShipped(String parcel, java.time.Instant shippedAt, java.math.BigDecimal weight) {
    }
}
