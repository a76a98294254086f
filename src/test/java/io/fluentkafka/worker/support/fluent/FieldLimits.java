package io.fluentkafka.worker.support.fluent;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maximum string lengths of a mutation input (fluent-api.md §4.3, §4.4). A string field with no declared
 * maximum is held to Fluent's default of 255 (§5). Fields are named by their path in the input, such as
 * {@code firstName} or {@code attributes[0].name}; a field called {@code value} is never checked, because
 * it is either a {@code Json} attribute value or a numeric price.
 */
final class FieldLimits {

    static final int DEFAULT_MAX = 255;

    private final Map<String, Integer> declared;

    FieldLimits(Map<String, Integer> declared) {
        this.declared = Map.copyOf(declared);
    }

    /** The first field, in input order, longer than its maximum. */
    Optional<FluentError> firstViolation(Map<String, ?> input) {
        return check("", input);
    }

    private Optional<FluentError> check(String path, Object value) {
        if (value instanceof String text) {
            int max = declared.getOrDefault(path, DEFAULT_MAX);
            return text.length() > max ? Optional.of(FluentError.tooLong(path, max)) : Optional.empty();
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String name = String.valueOf(entry.getKey());
                Optional<FluentError> error = "value".equals(name) ? Optional.empty()
                        : check(path.isEmpty() ? name : path + "." + name, entry.getValue());
                if (error.isPresent()) {
                    return error;
                }
            }
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Optional<FluentError> error = check(path + "[" + i + "]", list.get(i));
                if (error.isPresent()) {
                    return error;
                }
            }
        }
        return Optional.empty();
    }
}
