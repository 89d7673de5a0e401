package io.github.eventsourcing.azure.stream.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.Collection;

/**
 * Builds the {@link ObjectMapper} that writes and reads stored events. It takes the application's Jackson modules
 * (so custom types serialize as the application expects) but fixes every setting that shapes the JSON, so that a
 * change to {@code spring.jackson.*} never changes what is stored or breaks reading what was stored.
 */
public final class StorageObjectMapper {

    private StorageObjectMapper() {
    }

    public static ObjectMapper create(Collection<? extends Module> applicationModules) {
        JsonMapper.Builder builder = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // Events gain fields over time: old code must still read new events.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                // Characters outside the BMP (emoji) as 4 UTF-8 bytes, not 12 bytes of escapes: events stay small.
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
        applicationModules.forEach(builder::addModule);
        return builder.build();
    }

    public static ObjectMapper create() {
        return create(java.util.List.of());
    }

    /**
     * The mapper of projection states (in snapshots, notifications and test transcripts): the storage mapper's
     * settings, but a state is its fields, whatever getters it has or lacks.
     */
    public static ObjectMapper forProjectionStates(ObjectMapper storageMapper) {
        return storageMapper.copy()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
    }
}
