package io.fluentkafka.worker.support.fluent;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Product catalogues and the products in them, keyed by (product type, catalogue ref, product ref): the identity
 * Fluent enforces (fluent-api.md §4.4) for each of its product types, which may share a ref. Every method is atomic;
 * stored products are immutable maps shaped like the GraphQL type they are ({@code StandardProduct},
 * {@code VariantProduct}). Ids keep increasing across {@link #clear()}.
 */
final class ProductStore {

    static final String DEFAULT_CATALOGUE = "PC:MASTER:1";

    /** Fluent's product types, named as in its GraphQL schema. */
    enum Type { STANDARD_PRODUCT, VARIANT_PRODUCT }

    private record Key(Type type, String catalogueRef, String ref) {
    }

    private final Set<String> catalogues = new LinkedHashSet<>(Set.of(DEFAULT_CATALOGUE));
    private final Map<Key, Map<String, Object>> products = new LinkedHashMap<>();
    private long lastId;

    synchronized void addCatalogue(String ref) {
        catalogues.add(ref);
    }

    synchronized boolean hasCatalogue(String ref) {
        return catalogues.contains(ref);
    }

    /**
     * Stores the product {@code build} makes from a new id, unless the catalogue already holds the ref.
     *
     * @return the stored product, or empty when (type, catalogueRef, ref) exists
     */
    synchronized Optional<Map<String, Object>> add(Type type, String catalogueRef, String ref,
            Function<String, Map<String, Object>> build) {
        Key key = new Key(type, catalogueRef, ref);
        if (products.containsKey(key)) {
            return Optional.empty();
        }
        Map<String, Object> product = ReadOnly.map(build.apply(Long.toString(++lastId)));
        products.put(key, product);
        return Optional.of(product);
    }

    /**
     * Replaces the stored product with what {@code change} makes of it.
     *
     * @return the changed product, or empty when (type, catalogueRef, ref) is not stored
     */
    synchronized Optional<Map<String, Object>> update(Type type, String catalogueRef, String ref,
            UnaryOperator<Map<String, Object>> change) {
        Key key = new Key(type, catalogueRef, ref);
        Map<String, Object> existing = products.get(key);
        if (existing == null) {
            return Optional.empty();
        }
        Map<String, Object> changed = ReadOnly.map(change.apply(existing));
        products.put(key, changed);
        return Optional.of(changed);
    }

    synchronized Optional<Map<String, Object>> find(Type type, String catalogueRef, String ref) {
        return Optional.ofNullable(products.get(new Key(type, catalogueRef, ref)));
    }

    synchronized int count() {
        return products.size();
    }

    /** Removes every product and catalogue, then re-adds the default catalogue. */
    synchronized void clear() {
        products.clear();
        catalogues.clear();
        catalogues.add(DEFAULT_CATALOGUE);
    }
}
