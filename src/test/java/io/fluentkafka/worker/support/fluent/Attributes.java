package io.fluentkafka.worker.support.fluent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Fluent's attribute upsert on an update: attributes the input names replace those of the same name, the rest stay. */
final class Attributes {

    private Attributes() {
    }

    /** Sets {@code updated}'s attributes to {@code existing}'s upserted with the input's, when the input gives any. */
    static void upsert(Map<String, Object> updated, Map<String, Object> existing, Map<String, Object> input) {
        if (!(input.get("attributes") instanceof List<?> changes)) {
            return;
        }
        Map<Object, Object> byName = new LinkedHashMap<>();
        for (Object attribute : existing.get("attributes") instanceof List<?> kept ? kept : List.of()) {
            byName.put(((Map<?, ?>) attribute).get("name"), attribute);
        }
        changes.stream().filter(Objects::nonNull).forEach(attribute -> byName.put(((Map<?, ?>) attribute).get("name"), attribute));
        updated.put("attributes", new ArrayList<>(byName.values()));
    }
}
