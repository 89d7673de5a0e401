package io.github.eventsourcing.azure.demo.bank.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API reads JSON strictly and within bounds: a number is a JSON number and text is a JSON string (no
 * {@code "12.5"} for an amount, no {@code 5} for a name), a field the request does not take or gives twice is an
 * error, not silently dropped, and no document, string, name or number can be large enough to cost the server memory.
 * This is the application's HTTP mapper only; the starter keeps its own mapper for stored events.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    /** The largest request body the API reads: a few fields, commentary of 1024 characters at most. */
    static final long MAX_DOCUMENT_LENGTH = 64 * 1024;
    /** Far more than any amount or rate needs, far less than what makes BigDecimal arithmetic slow. */
    static final int MAX_NUMBER_LENGTH = 64;
    static final int MAX_STRING_LENGTH = 16 * 1024;
    static final int MAX_NAME_LENGTH = 256;
    static final int MAX_NESTING_DEPTH = 16;

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictHttpJson() {
        return builder -> builder
                .featuresToEnable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS,
                        JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .featuresToDisable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .postConfigurer(StrictJsonConfiguration::strict);
    }

    private static void strict(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .build());
        for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
            mapper.coercionConfigFor(number)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
}
