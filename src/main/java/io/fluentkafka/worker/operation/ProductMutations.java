package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.Attribute;
import io.fluentkafka.worker.avro.Price;
import io.fluentkafka.worker.avro.ProductKind;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.fluent.FluentClient;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Fluent's product creates and updates for both product types ({@code create|update} x {@code Standard|Variant}
 * {@code Product}), and the lookup of an existing one: their documents (constants selecting get-product's fields; every
 * value a variable), the input made of a command's values, their checks, and the calls. The input holds only the values
 * a command sets: on an update a field left out stays as it is in Fluent, and prices and attributes are upserted (by
 * type and currency; by name). (catalogue, ref) is the key and never changes.
 */
@Singleton
final class ProductMutations {

    static final String CREATE_STANDARD = "mutation CreateStandardProduct($input: CreateStandardProductInput) "
            + "{ createStandardProduct(input: $input) { " + Results.PRODUCT_FIELDS + " } }";
    static final String CREATE_VARIANT = "mutation CreateVariantProduct($input: CreateVariantProductInput) "
            + "{ createVariantProduct(input: $input) { " + Results.PRODUCT_FIELDS + " } }";
    static final String UPDATE_STANDARD = "mutation UpdateStandardProduct($input: UpdateStandardProductInput) "
            + "{ updateStandardProduct(input: $input) { " + Results.PRODUCT_FIELDS + " } }";
    static final String UPDATE_VARIANT = "mutation UpdateVariantProduct($input: UpdateVariantProductInput) "
            + "{ updateVariantProduct(input: $input) { " + Results.PRODUCT_FIELDS + " } }";

    private static final int REF_MAX = 100; // ProductCatalogueKey.ref, ProductKey.ref and the product's ref
    private static final int TEXT_MAX = 255;

    /**
     * A command's product values; null (or empty) ones are left out of the input. {@code productRef} names the parent
     * standard product of a variant (Fluent's {@code ProductKey}; its catalogue defaults to {@code catalogueRef}).
     * {@code status} exists only on updates.
     */
    record Values(String catalogueRef, String ref, String productRef, String productCatalogueRef, String type, String status,
                  String name, String gtin, String summary, List<Price> prices, List<Attribute> attributes) {
    }

    /** The kinds whose documents {@link #create} and {@link #update} send, by product kind. */
    static final String CREATE_STANDARD_KIND = "create-product";
    static final String CREATE_VARIANT_KIND = "create-variant-product";
    static final String UPDATE_STANDARD_KIND = "update-standard-product";
    static final String UPDATE_VARIANT_KIND = "update-variant-product";

    private final Attributes attributes;
    private final Answers answers;

    ProductMutations(Attributes attributes, Answers answers) {
        this.attributes = attributes;
        this.answers = answers;
    }

    /** Fluent's limits; a create also needs what its input requires (type, name, gtin), an update only the key. */
    void check(Values values, boolean create, Checks checks) {
        checks.required("catalogueRef", values.catalogueRef(), REF_MAX);
        checks.required("ref", values.ref(), REF_MAX);
        checks.optional("productRef", values.productRef(), REF_MAX);
        checks.optional("productCatalogueRef", values.productCatalogueRef(), REF_MAX);
        if (values.productCatalogueRef() != null && values.productRef() == null) {
            checks.add("productCatalogueRef", "is given without productRef");
        }
        text(checks, create, "type", values.type(), 50);
        checks.optional("status", values.status(), 50);
        text(checks, create, "name", values.name(), TEXT_MAX);
        text(checks, create, "gtin", values.gtin(), 20);
        checks.optional("summary", values.summary(), TEXT_MAX);
        Prices.check(values.prices(), checks);
        attributes.check(values.attributes(), checks);
    }

    /** {@code {"input": {...}}} for any of the four mutations, without a null anywhere; only for checked values. */
    Map<String, Object> variables(Values values) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("ref", values.ref());
        input.put("catalogue", Map.of("ref", values.catalogueRef()));
        if (values.productRef() != null) {
            String parentCatalogue = values.productCatalogueRef() == null ? values.catalogueRef() : values.productCatalogueRef();
            input.put("product", Map.of("ref", values.productRef(), "catalogue", Map.of("ref", parentCatalogue)));
        }
        putIfSet(input, "type", values.type());
        putIfSet(input, "status", values.status());
        putIfSet(input, "name", values.name());
        putIfSet(input, "gtin", values.gtin());
        putIfSet(input, "summary", values.summary());
        if (!values.prices().isEmpty()) {
            input.put("prices", Prices.variables(values.prices()));
        }
        if (!values.attributes().isEmpty()) {
            input.put("attributes", attributes.variables(values.attributes()));
        }
        return Map.of("input", input);
    }

    /**
     * One create call (run it as a step), with the document of create-product or create-variant-product; a ref the
     * catalogue holds fails with Fluent's duplicate error.
     */
    CompletableFuture<Answer> create(Execution execution, ProductKind kind, Map<String, Object> variables) {
        return kind == ProductKind.VARIANT
                ? call(execution, CREATE_VARIANT_KIND, "createVariantProduct", variables)
                : call(execution, CREATE_STANDARD_KIND, "createStandardProduct", variables);
    }

    /**
     * One update call (run it as a step), with the document of update-standard-product or update-variant-product. An unknown (catalogue, ref) fails with Fluent's not-found error
     * ({@code FluentRejectedException} carrying C0120E): final, so the command fails FLUENT_REJECTED.
     */
    CompletableFuture<Answer> update(Execution execution, ProductKind kind, Map<String, Object> variables) {
        return kind == ProductKind.VARIANT
                ? call(execution, UPDATE_VARIANT_KIND, "updateVariantProduct", variables)
                : call(execution, UPDATE_STANDARD_KIND, "updateStandardProduct", variables);
    }

    /** One lookup (run it as a step): get-product's default query, never replaced; empty when Fluent answers null without errors. */
    CompletableFuture<Optional<Answer>> find(FluentClient fluent, ProductKind kind, String catalogueRef, String ref) {
        boolean variant = kind == ProductKind.VARIANT;
        Map<String, Object> variables = Map.of("ref", ref, "catalogue", Map.of("ref", catalogueRef));
        return fluent.graphQl().optional(variant ? "variantProduct" : "standardProduct",
                        variant ? GetProductOperation.VARIANT_PRODUCT : GetProductOperation.STANDARD_PRODUCT, variables)
                .thenApply(found -> found.map(product -> Answer.of(Results.product(product))));
    }

    private CompletableFuture<Answer> call(Execution execution, String kind, String field, Map<String, Object> variables) {
        return answers.single(execution.fluent(), execution.document(kind, field), variables, Results::product);
    }

    private static void text(Checks checks, boolean required, String field, String value, int max) {
        if (required) {
            checks.required(field, value, max);
        } else {
            checks.optional(field, value, max);
        }
    }

    private static void putIfSet(Map<String, Object> input, String field, Object value) {
        if (value != null) {
            input.put(field, value);
        }
    }
}
