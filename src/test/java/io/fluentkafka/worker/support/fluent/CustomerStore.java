package io.fluentkafka.worker.support.fluent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Customers keyed by username, which is also their ref (fluent-api.md §4.3). Every method is atomic;
 * stored customers are immutable maps shaped like the GraphQL {@code Customer} type. Ids are numeric
 * strings that keep increasing across {@link #clear()}, so an id is never reused.
 */
final class CustomerStore {

    private static final Comparator<Map<String, Object>> CREATION_ORDER = Comparator.comparingLong(customer -> Long.parseLong((String) customer.get("id")));

    private final Map<String, Map<String, Object>> byUsername = new LinkedHashMap<>();
    /** Customers by exact primaryEmail, so that the common search (a list of exact emails) is not a full scan. */
    private final Map<String, List<Map<String, Object>>> byEmail = new HashMap<>();
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
        indexByEmail(customer);
        return Optional.of(customer);
    }

    /**
     * Replaces the customer with this username by what {@code change} makes of it (a new map; the caller keeps its
     * id, username and ref). Its place in creation order stays.
     *
     * @return the stored customer, or empty when no customer has this username
     */
    synchronized Optional<Map<String, Object>> update(String username, UnaryOperator<Map<String, Object>> change) {
        Map<String, Object> existing = byUsername.get(username);
        if (existing == null) {
            return Optional.empty();
        }
        Map<String, Object> changed = ReadOnly.map(change.apply(existing));
        byUsername.put(username, changed);
        if (existing.get("primaryEmail") instanceof String email) {
            List<Map<String, Object>> sameEmail = byEmail.get(email);
            sameEmail.removeIf(customer -> customer == existing);
            if (sameEmail.isEmpty()) {
                byEmail.remove(email);
            }
        }
        indexByEmail(changed);
        return Optional.of(changed);
    }

    private void indexByEmail(Map<String, Object> customer) {
        if (customer.get("primaryEmail") instanceof String email) {
            byEmail.computeIfAbsent(email, key -> new ArrayList<>()).add(customer);
        }
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
        for (Map<String, Object> customer : candidates(filters)) {
            if (filters.entrySet().stream().allMatch(filter -> matches(customer.get(filter.getKey()), filter.getValue()))) {
                found.add(customer);
            }
        }
        return found;
    }

    /** All customers, or only those an exact username or email filter can match, in creation order. */
    private Collection<Map<String, Object>> candidates(Map<String, List<String>> filters) {
        List<String> usernames = filters.get("username");
        List<String> emails = filters.get("primaryEmail");
        if (exact(usernames)) {
            return usernames.stream().distinct().map(byUsername::get).filter(Objects::nonNull).sorted(CREATION_ORDER).toList();
        }
        if (exact(emails)) {
            return emails.stream().distinct().flatMap(email -> byEmail.getOrDefault(email, List.of()).stream()).sorted(CREATION_ORDER).toList();
        }
        return byUsername.values();
    }

    private static boolean exact(List<String> patterns) {
        return patterns != null && !patterns.isEmpty() && patterns.stream().allMatch(p -> p != null && p.indexOf('%') < 0);
    }

    synchronized int count() {
        return byUsername.size();
    }

    synchronized void clear() {
        byUsername.clear();
        byEmail.clear();
    }

    private static boolean matches(Object value, List<String> patterns) {
        if (patterns == null || patterns.isEmpty()) {
            return true;
        }
        return value instanceof String text && patterns.stream().anyMatch(pattern -> Wildcard.matches(pattern, text));
    }
}
