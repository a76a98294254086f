package io.fluentkafka.worker.support.fluent;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code updateStandardProduct} and {@code updateVariantProduct}, as Fluent documents them on their inputs: the fields
 * the input gives (not null) replace the product's, {@code attributes} are upserted by name and {@code prices} by
 * (type, currency), in place or added at the end; (catalogue, ref) is the key. Checks run in the order field lengths
 * (C0141E), no negative price (C0122E), the parent a variant names exists (C0120E), the product exists (C0120E, with a
 * null result, as Fluent answers for an entity it cannot find).
 */
final class ProductUpdateFetchers {

    private static final List<String> UPDATED_FIELDS = List.of("type", "status", "gtin", "name", "summary");

    private final ProductStore store;
    private final ProductFetchers products;
    private final Clock clock;

    ProductUpdateFetchers(ProductStore store, ProductFetchers products, Clock clock) {
        this.store = store;
        this.products = products;
        this.clock = clock;
    }

    DataFetcherResult<Map<String, Object>> updateStandard(DataFetchingEnvironment environment) {
        return update(ProductStore.Type.STANDARD_PRODUCT, environment);
    }

    DataFetcherResult<Map<String, Object>> updateVariant(DataFetchingEnvironment environment) {
        return update(ProductStore.Type.VARIANT_PRODUCT, environment);
    }

    private DataFetcherResult<Map<String, Object>> update(ProductStore.Type type, DataFetchingEnvironment environment) {
        Map<String, Object> input = environment.getArgument("input");
        if (input == null) {
            return FluentError.missingInput("Argument 'input' is required").toResult(environment);
        }
        Optional<FluentError> invalid = ProductFetchers.inputError(input).or(() -> products.missingParent(input));
        if (invalid.isPresent()) {
            return invalid.get().toResult(environment);
        }
        String ref = (String) input.get("ref");
        String catalogueRef = String.valueOf(((Map<?, ?>) input.get("catalogue")).get("ref"));
        return store.update(type, catalogueRef, ref, existing -> products.withParent(updated(existing, input), input))
                .map(product -> DataFetcherResult.<Map<String, Object>>newResult().data(product).build())
                .orElseGet(() -> FluentError.notFound("Product with ref '" + ref + "' not found in catalogue '" + catalogueRef + "'")
                        .toResult(environment));
    }

    private Map<String, Object> updated(Map<String, Object> existing, Map<String, Object> input) {
        Map<String, Object> product = new LinkedHashMap<>(existing);
        UPDATED_FIELDS.stream().filter(field -> input.get(field) != null).forEach(field -> product.put(field, input.get(field)));
        upsert(product, input, "attributes", attribute -> attribute.get("name"));
        upsert(product, input, "prices", price -> List.of(String.valueOf(price.get("type")), String.valueOf(price.get("currency"))));
        product.put("updatedOn", clock.instant().toString());
        return product;
    }

    /** Each entry of the input's list replaces the product's entry with the same key, in place, or is added at the end. */
    private static void upsert(Map<String, Object> product, Map<String, Object> input, String field, Function<Map<?, ?>, Object> key) {
        if (!(input.get(field) instanceof List<?> changes)) {
            return;
        }
        Map<Object, Object> byKey = new LinkedHashMap<>();
        for (Object entry : product.get(field) instanceof List<?> kept ? kept : List.of()) {
            byKey.put(key.apply((Map<?, ?>) entry), entry);
        }
        changes.stream().filter(Objects::nonNull).forEach(entry -> byKey.put(key.apply((Map<?, ?>) entry), entry));
        product.put(field, new ArrayList<>(byKey.values()));
    }
}
