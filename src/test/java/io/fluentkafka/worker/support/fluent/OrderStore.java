package io.fluentkafka.worker.support.fluent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Orders keyed by ref, unique in Fluent (fluent-api.md §4.5). Every method is atomic; stored orders are immutable maps
 * shaped like the GraphQL {@code Order} type. Ids keep increasing across {@link #clear()}, so an id is never reused.
 */
final class OrderStore {

    private final Map<String, Map<String, Object>> byRef = new LinkedHashMap<>();
    private long lastId;

    /** Stores the order {@code build} makes from a new id, unless the ref is taken (then empty). */
    synchronized Optional<Map<String, Object>> add(String ref, Function<String, Map<String, Object>> build) {
        if (byRef.containsKey(ref)) {
            return Optional.empty();
        }
        Map<String, Object> order = ReadOnly.map(build.apply(Long.toString(++lastId)));
        byRef.put(ref, order);
        return Optional.of(order);
    }

    /** Replaces the order with this id by what {@code change} makes of it; empty when there is none. */
    synchronized Optional<Map<String, Object>> update(String id, UnaryOperator<Map<String, Object>> change) {
        return byId(id).map(existing -> {
            Map<String, Object> changed = ReadOnly.map(change.apply(existing));
            byRef.put((String) existing.get("ref"), changed);
            return changed;
        });
    }

    synchronized boolean contains(String ref) {
        return byRef.containsKey(ref);
    }

    synchronized Optional<Map<String, Object>> byRef(String ref) {
        return Optional.ofNullable(byRef.get(ref));
    }

    synchronized Optional<Map<String, Object>> byId(String id) {
        return byRef.values().stream().filter(order -> id.equals(order.get("id"))).findFirst();
    }

    synchronized int count() {
        return byRef.size();
    }

    synchronized void clear() {
        byRef.clear();
    }
}
