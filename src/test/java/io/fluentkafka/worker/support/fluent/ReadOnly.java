package io.fluentkafka.worker.support.fluent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep, unmodifiable copies of JSON-like trees; null values are kept, unlike {@link Map#copyOf}. */
final class ReadOnly {

    private ReadOnly() {
    }

    /** A map whose nested maps and lists are unmodifiable copies too; keys keep their order. */
    static Map<String, Object> map(Map<String, ?> source) {
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((key, value) -> copy.put(key, value(value)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    static Object value(Object source) {
        if (source instanceof Map<?, ?> map) {
            return map((Map<String, ?>) map);
        }
        if (source instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(value(item)));
            return Collections.unmodifiableList(copy);
        }
        return source;
    }
}
