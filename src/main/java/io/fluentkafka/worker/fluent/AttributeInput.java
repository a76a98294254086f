package io.fluentkafka.worker.fluent;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;

/**
 * Fluent's {@code AttributeInput}: the value arrives as text and is sent as the JSON value its type implies:
 * {@code JSON} is parsed, {@code INTEGER} becomes a number, {@code BOOLEAN} a boolean, anything else a string.
 */
public record AttributeInput(String name, String type, String value) {

    /** The value to send to Fluent; throws IllegalArgumentException saying why the text does not fit the type. */
    public Object jsonValue(JsonMapper json) {
        return switch (type) {
            case "JSON" -> parseJson(json);
            case "INTEGER" -> parseInteger();
            case "BOOLEAN" -> parseBoolean();
            default -> value;
        };
    }

    private Object parseJson(JsonMapper json) {
        Object parsed;
        try {
            parsed = json.readValue(value, Argument.OBJECT_ARGUMENT);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("is not valid JSON");
        }
        if (parsed == null) {
            throw new IllegalArgumentException("is JSON null; Fluent requires a value (Json!)");
        }
        return parsed;
    }

    private Object parseInteger() {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not an integer");
        }
    }

    private Object parseBoolean() {
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.valueOf(value);
        }
        throw new IllegalArgumentException("must be true or false");
    }
}
