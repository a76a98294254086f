package io.fluentkafka.worker.support.fluent;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code createStandardProduct}, {@code createVariantProduct}, {@code standardProduct} and {@code variantProduct}. A
 * create's checks run in the order catalogue exists (C0120E), field lengths (C0141E), no negative price (C0122E), the
 * parent standard product a variant names exists (C0120E), ref unique among the catalogue's products of its type
 * (C0123E); the first failure is the only error.
 */
final class ProductFetchers {

    static final String WORKFLOW_REF = "PRODUCT_CATALOGUE::MASTER";
    private static final FieldLimits LIMITS = new FieldLimits(Map.of(
            "ref", 100, "type", 50, "gtin", 20, "summary", 255, "name", 255, "status", 50, "product.ref", 100));

    private final ProductStore store;
    private final Clock clock;
    private volatile boolean variantReadsDenied;

    ProductFetchers(ProductStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    DataFetcherResult<Map<String, Object>> create(DataFetchingEnvironment environment) {
        return create(ProductStore.Type.STANDARD_PRODUCT, environment);
    }

    DataFetcherResult<Map<String, Object>> createVariant(DataFetchingEnvironment environment) {
        return create(ProductStore.Type.VARIANT_PRODUCT, environment);
    }

    private DataFetcherResult<Map<String, Object>> create(ProductStore.Type type, DataFetchingEnvironment environment) {
        Map<String, Object> input = environment.getArgument("input");
        if (input == null) {
            return FluentError.missingInput("Argument 'input' is required").toResult(environment);
        }
        String catalogueRef = catalogueRef(input);
        Optional<FluentError> invalid = store.hasCatalogue(catalogueRef) ? inputError(input).or(() -> missingParent(input))
                : Optional.of(FluentError.notFound("Product catalogue '" + catalogueRef + "' not found"));
        if (invalid.isPresent()) {
            return invalid.get().toResult(environment);
        }
        String ref = (String) input.get("ref");
        return store.add(type, catalogueRef, ref, id -> withParent(product(id, input, catalogueRef), input))
                .map(product -> DataFetcherResult.<Map<String, Object>>newResult().data(product).build())
                .orElseGet(() -> FluentError.alreadyExists(
                        "Product with ref '" + ref + "' already exists in catalogue '" + catalogueRef + "'")
                        .toResult(environment));
    }

    /** Null when not found. */
    Map<String, Object> findStandard(DataFetchingEnvironment environment) {
        return find(ProductStore.Type.STANDARD_PRODUCT, environment);
    }

    /** Null when not found; null with error C0020E while variant reads are denied. */
    DataFetcherResult<Map<String, Object>> findVariant(DataFetchingEnvironment environment) {
        if (variantReadsDenied) {
            return FluentError.missingPermission("VARIANTPRODUCT_VIEW").toResult(environment);
        }
        return DataFetcherResult.<Map<String, Object>>newResult().data(find(ProductStore.Type.VARIANT_PRODUCT, environment)).build();
    }

    /** While on, {@code variantProduct} answers null with a missing-permission error, as for an account without the permission. */
    void denyVariantReads(boolean denied) {
        variantReadsDenied = denied;
    }

    /**
     * Seeds a variant product without a parent, as {@code createVariantProduct} would, shaped like {@code VariantProduct}.
     * Empty when the catalogue already holds a variant with the ref.
     */
    Optional<Map<String, Object>> addVariant(String catalogueRef, String ref, String name, String gtin) {
        return add(ProductStore.Type.VARIANT_PRODUCT, catalogueRef, ref, name, gtin);
    }

    /** Seeds a standard product, as {@code createStandardProduct} would; empty when the catalogue holds its ref. */
    Optional<Map<String, Object>> addStandard(String catalogueRef, String ref, String name, String gtin) {
        return add(ProductStore.Type.STANDARD_PRODUCT, catalogueRef, ref, name, gtin);
    }

    private Optional<Map<String, Object>> add(ProductStore.Type type, String catalogueRef, String ref, String name, String gtin) {
        store.addCatalogue(catalogueRef);
        Map<String, Object> input = Map.of("ref", ref, "type", type == ProductStore.Type.VARIANT_PRODUCT ? "VARIANT" : "STANDARD",
                "name", name, "gtin", gtin);
        return store.add(type, catalogueRef, ref, id -> product(id, input, catalogueRef));
    }

    private Map<String, Object> find(ProductStore.Type type, DataFetchingEnvironment environment) {
        Map<String, Object> catalogue = environment.getArgument("catalogue");
        return store.find(type, String.valueOf(catalogue.get("ref")), environment.getArgument("ref")).orElse(null);
    }

    /** Field lengths (C0141E), then no negative price (C0122E): the checks of every product create and update input. */
    static Optional<FluentError> inputError(Map<String, Object> input) {
        Optional<FluentError> tooLong = LIMITS.firstViolation(input);
        if (tooLong.isPresent()) {
            return tooLong;
        }
        List<?> prices = (List<?>) input.getOrDefault("prices", List.of());
        for (int i = 0; i < prices.size(); i++) {
            if (prices.get(i) instanceof Map<?, ?> price && price.get("value") instanceof Number value
                    && value.doubleValue() < 0) {
                return Optional.of(FluentError.negativeValue(
                        "Field 'prices[" + i + "].value' must not be negative but was " + value));
            }
        }
        return Optional.empty();
    }

    /** C0120E when the input names a parent standard product ({@code product: ProductKey}) that is not stored. */
    Optional<FluentError> missingParent(Map<String, Object> input) {
        if (!(input.get("product") instanceof Map<?, ?> parent)) {
            return Optional.empty();
        }
        String ref = String.valueOf(parent.get("ref"));
        String catalogueRef = String.valueOf(((Map<?, ?>) parent.get("catalogue")).get("ref"));
        return store.find(ProductStore.Type.STANDARD_PRODUCT, catalogueRef, ref).isPresent() ? Optional.empty()
                : Optional.of(FluentError.notFound("Product with ref '" + ref + "' not found in catalogue '" + catalogueRef + "'"));
    }

    /** The product with the parent standard product its input names, as the {@code VariantProduct.product} it returns. */
    Map<String, Object> withParent(Map<String, Object> product, Map<String, Object> input) {
        if (input.get("product") instanceof Map<?, ?> parent) {
            String catalogueRef = String.valueOf(((Map<?, ?>) parent.get("catalogue")).get("ref"));
            Map<String, Object> withParent = new LinkedHashMap<>(product);
            withParent.put("product", store.find(ProductStore.Type.STANDARD_PRODUCT, catalogueRef, String.valueOf(parent.get("ref"))).orElse(null));
            return withParent;
        }
        return product;
    }

    private Map<String, Object> product(String id, Map<String, Object> input, String catalogueRef) {
        String now = clock.instant().toString();
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("id", id);
        for (String field : List.of("ref", "type", "gtin", "name", "summary")) {
            product.put(field, input.get(field));
        }
        product.put("status", "CREATED");
        product.put("workflowRef", WORKFLOW_REF);
        product.put("workflowVersion", 1);
        product.put("attributes", input.getOrDefault("attributes", List.of()));
        product.put("prices", input.getOrDefault("prices", List.of()));
        product.put("catalogue", Map.of("ref", catalogueRef, "name", catalogueRef));
        product.put("createdOn", now);
        product.put("updatedOn", now);
        return product;
    }

    private static String catalogueRef(Map<String, Object> input) {
        return String.valueOf(((Map<?, ?>) input.get("catalogue")).get("ref"));
    }
}
