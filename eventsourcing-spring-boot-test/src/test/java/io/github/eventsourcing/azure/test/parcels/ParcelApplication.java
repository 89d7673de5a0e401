package io.github.eventsourcing.azure.test.parcels;

import io.github.eventsourcing.azure.projection.EventHandler;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.stream.EventName;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.web.ProjectionOf;
import io.github.eventsourcing.azure.web.StreamOf;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** A small application as a user of the starter writes it, for the tests of the test support. */
@SpringBootApplication
public class ParcelApplication {

    @EventName("Parcel Weighed")
    public record ParcelWeighed(int grams) {
    }

    public record Weighing(int grams) {
    }

    public static class Weight {
        int grams;

        @EventHandler
        void on(ParcelWeighed event) {
            grams = event.grams();
        }
    }

    @RestController
    @RequestMapping("/parcels/{parcelId}")
    static class ParcelController {

        @PostMapping("/weighings")
        Map<String, Object> weigh(@RequestBody Weighing weighing,
                                  @StreamOf(domain = "Shipping", entity = "Parcel", key = "{parcelId}") EventStream parcel) {
            return Map.of("version", parcel.append(new ParcelWeighed(weighing.grams())).lastSequence());
        }

        @GetMapping("/weight")
        ResponseEntity<Map<String, Object>> weight(
                @ProjectionOf(domain = "Shipping", entity = "Parcel", key = "{parcelId}") ProjectionResult<Weight> weight) {
            return weight.exists() ? ResponseEntity.ok(Map.of("grams", weight.state().grams))
                    : ResponseEntity.notFound().build();
        }
    }
}
