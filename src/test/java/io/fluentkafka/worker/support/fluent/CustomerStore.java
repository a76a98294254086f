package io.fluentkafka.worker.support.fluent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Customers keyed by username, which is also their ref (fluent-api.md §4.3). Every method is atomic;
 * stored customers are immutable maps shaped like the GraphQL {@code Customer} type. Ids are numeric
 * strings that keep increasing across {@link #clear()}, so an id is never reused.
 */
final class CustomerStore {

    private final Map<String, Map<String, Object>> byUsername = new LinkedHashMap<>();
    private long lastId;

    /**
     * Stores the customer {@code build} makes from a new id, unless the username is taken.
     *
     * @return the stored customer, or empty when a customer with this username already exists
     */
    synchronized Optional<Map<String, Object>> add(String username, Function<String, Map<String, Object>> build) {
        if (byUsername.containsKey(username)) {
            return Optional.empty();
        }
        Map<String, Object> customer = ReadOnly.map(build.apply(Long.toString(++lastId)));
        byUsername.put(username, customer);
        return Optional.of(customer);
    }

    synchronized Optional<Map<String, Object>> byUsername(String username) {
        return Optional.ofNullable(byUsername.get(username));
    }

    synchronized Optional<Map<String, Object>> byId(String id) {
        return byUsername.values().stream().filter(customer -> id.equals(customer.get("id"))).findFirst();
    }

    /**
     * Customers in creation order whose every filtered field matches one of its patterns.
     *
     * @param filters field name to patterns; a null or empty pattern list does not filter
     */
    synchronized List<Map<String, Object>> search(Map<String, List<String>> filters) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Map<String, Object> customer : byUsername.values()) {
            if (filters.entrySet().stream().allMatch(filter -> matches(customer.get(filter.getKey()), filter.getValue()))) {
                found.add(customer);
            }
        }
        return found;
    }

    synchronized int count() {
        return byUsername.size();
    }

    synchronized void clear() {
        byUsername.clear();
    }

    private static boolean matches(Object value, List<String> patterns) {
        if (patterns == null || patterns.isEmpty()) {
            return true;
        }
        return value instanceof String text && patterns.stream().anyMatch(pattern -> Wildcard.matches(pattern, text));
    }
}
