package io.fluentkafka.worker.support.fluent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator's stock: positions keyed by retailer, catalogue, location and SKU, each set to the absolute quantity
 * of the last batch entity that named it (Fluent's UPSERT), and the quantities each position was set to, in order.
 * Thread-safe.
 */
final class InventoryStore {

    record Key(String retailerId, String catalogueRef, String locationRef, String skuRef) {
    }

    private final Map<Key, Integer> stock = new ConcurrentHashMap<>();
    private final Map<Key, List<Integer>> history = new ConcurrentHashMap<>();
    private final AtomicLong positionsReceived = new AtomicLong();

    /**
     * Applies a batch's entities in order; the entity's retailer, else the job's, and the batch's catalogue, else
     * {@code DEFAULT:<retailerId>}.
     */
    synchronized void apply(String jobRetailerId, Object catalogueRef, List<?> entities) {
        for (Object each : entities) {
            Map<?, ?> entity = (Map<?, ?>) each;
            String retailer = entity.get("retailerId") != null ? String.valueOf(entity.get("retailerId")) : jobRetailerId;
            String catalogue = catalogueRef != null ? String.valueOf(catalogueRef) : "DEFAULT:" + retailer;
            Key key = new Key(retailer, catalogue, String.valueOf(entity.get("locationRef")), String.valueOf(entity.get("skuRef")));
            int qty = ((Number) entity.get("qty")).intValue();
            stock.put(key, qty);
            history.computeIfAbsent(key, k -> new ArrayList<>()).add(qty);
            positionsReceived.incrementAndGet();
        }
    }

    /** The first entity lacking a field Fluent requires, as "entities[i].field", or null when all have them. */
    static String missingField(List<?> entities) {
        for (int i = 0; i < entities.size(); i++) {
            if (!(entities.get(i) instanceof Map<?, ?> entity)) {
                return "entities[" + i + "]";
            }
            for (String field : List.of("locationRef", "skuRef", "qty")) {
                if (entity.get(field) == null || field.equals("qty") && !(entity.get(field) instanceof Number)) {
                    return "entities[" + i + "]." + field;
                }
            }
        }
        return null;
    }

    Optional<Integer> qty(String retailerId, String catalogueRef, String locationRef, String skuRef) {
        return Optional.ofNullable(stock.get(new Key(retailerId, catalogueRef, locationRef, skuRef)));
    }

    /** Every quantity batches set the position to, in the order they were applied (repeats included). */
    synchronized List<Integer> history(String retailerId, String catalogueRef, String locationRef, String skuRef) {
        return List.copyOf(history.getOrDefault(new Key(retailerId, catalogueRef, locationRef, skuRef), List.of()));
    }

    int positions() {
        return stock.size();
    }

    /** Every entity applied so far, repeats included. */
    long positionsReceived() {
        return positionsReceived.get();
    }

    void clear() {
        stock.clear();
        history.clear();
        positionsReceived.set(0);
    }
}
