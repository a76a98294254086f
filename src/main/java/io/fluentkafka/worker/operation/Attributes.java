package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.Attribute;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.fluent.AttributeInput;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/** Custom attributes of a command (Fluent's {@code AttributeInput}): their checks, and their translation. */
@Singleton
final class Attributes {

    /** Bounds of our own (Fluent documents none): enough for any real entity, small enough to bound a request. */
    static final int MAX = 100;
    static final int VALUE_MAX = 65_536;
    private static final int NAME_MAX = 255;
    private static final int TYPE_MAX = 50;

    private final JsonMapper json;

    Attributes(JsonMapper json) {
        this.json = json;
    }

    void check(List<Attribute> attributes, Checks checks) {
        check("attributes", attributes, checks);
    }

    /** As {@link #check(List, Checks)}, for attributes held in {@code field} (e.g. {@code items[0].attributes}). */
    void check(String field, List<Attribute> attributes, Checks checks) {
        if (attributes.size() > MAX) {
            checks.add(field, "has " + attributes.size() + " entries; at most " + MAX + " are allowed");
            return;
        }
        for (int i = 0; i < attributes.size(); i++) {
            Attribute attribute = attributes.get(i);
            String entry = field + "[" + i + "]";
            checks.required(entry + ".name", attribute.getName(), NAME_MAX);
            checks.required(entry + ".type", attribute.getType(), TYPE_MAX);
            String value = attribute.getValue();
            if (value == null) {
                checks.add(entry + ".value", "is required");
            } else if (value.length() > VALUE_MAX) {
                checks.add(entry + ".value", "is " + value.length() + " characters long; at most " + VALUE_MAX + " are allowed");
            } else if (attribute.getType() != null) {
                try {
                    input(attribute).jsonValue(json);
                } catch (IllegalArgumentException e) {
                    checks.add(entry + ".value", e.getMessage() + " (type " + attribute.getType() + ")");
                }
            }
        }
    }

    /** Fluent's {@code [AttributeInput]} as GraphQL variables; only for attributes that passed {@link #check}. */
    List<Map<String, Object>> variables(List<Attribute> attributes) {
        return attributes.stream()
                .map(attribute -> Map.of("name", attribute.getName(), "type", attribute.getType(), "value", input(attribute).jsonValue(json)))
                .toList();
    }

    static List<AttributeInput> inputs(List<Attribute> attributes) {
        return attributes.stream().map(Attributes::input).toList();
    }

    private static AttributeInput input(Attribute attribute) {
        return new AttributeInput(attribute.getName(), attribute.getType(), attribute.getValue());
    }
}
