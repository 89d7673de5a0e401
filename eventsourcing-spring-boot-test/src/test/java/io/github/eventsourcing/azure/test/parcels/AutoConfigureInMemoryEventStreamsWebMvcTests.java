package io.github.eventsourcing.azure.test.parcels;

import io.github.eventsourcing.azure.autoconfigure.ConfiguredEventStoreRouter;
import io.github.eventsourcing.azure.memory.internal.InMemoryEventStore;
import io.github.eventsourcing.azure.stream.EventStreams;
import io.github.eventsourcing.azure.test.AutoConfigureInMemoryEventStreams;
import io.github.eventsourcing.azure.test.parcels.ParcelApplication.ParcelWeighed;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A {@code @WebMvcTest} of a controller that binds streams and projections: the web slice leaves the event-sourcing
 * auto-configuration out, the annotation brings it back on the in-memory backend, whatever the rules say.
 */
@WebMvcTest(controllers = ParcelApplication.ParcelController.class, properties = {
        "eventsourcing.streams.[Shipping.Parcel].backend=table",
        "eventsourcing.streams.[Shipping.Parcel].connection=production",
        "eventsourcing.connections.production.connection-string=${PRODUCTION_STORAGE_NOT_SET_IN_TESTS}"})
@AutoConfigureInMemoryEventStreams
@DisplayName("@AutoConfigureInMemoryEventStreams on a @WebMvcTest")
class AutoConfigureInMemoryEventStreamsWebMvcTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    EventStreams streams;

    @Autowired
    ConfiguredEventStoreRouter router;

    @Test
    @DisplayName("binds streams and projections in the controller, on the in-memory backend in place of the rule's table")
    void bindsOnInMemoryStreams() throws Exception {
        mvc.perform(post("/parcels/P-1/weighings").contentType(MediaType.APPLICATION_JSON).content("{\"grams\":1200}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1));
        mvc.perform(get("/parcels/P-1/weight"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.grams").value(1200));

        assertThat(streams.stream("Shipping", "Parcel", "P-1").read())
                .singleElement().extracting(event -> event.payload()).isEqualTo(new ParcelWeighed(1200));
        assertThat(router.route(new io.github.eventsourcing.azure.stream.StreamId.StreamType("Shipping", "Parcel")))
                .hasValueSatisfying(route -> {
                    assertThat(route.rule()).isEqualTo("Shipping.Parcel");
                    assertThat(route.backend()).isEqualTo("in-memory");
                });
    }

    @Test
    @DisplayName("answers 404 for a stream that was never written, as the controller decides")
    void missingStream() throws Exception {
        mvc.perform(get("/parcels/never-weighed/weight")).andExpect(status().isNotFound());
    }
}
