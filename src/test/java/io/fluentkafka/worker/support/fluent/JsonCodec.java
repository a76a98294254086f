package io.fluentkafka.worker.support.fluent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** The simulator's one JSON mapper. Jackson's {@link ObjectMapper} is thread-safe once configured. */
final class JsonCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private JsonCodec() {
    }

    /** Serialises maps, lists, strings, numbers, booleans and nulls; fails only on a programming error. */
    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text as a JSON object, or empty when it is not valid JSON or not an object. */
    static Optional<Map<String, Object>> readObject(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readValue(text, OBJECT));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
