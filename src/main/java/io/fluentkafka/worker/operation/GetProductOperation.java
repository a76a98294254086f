package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.GetProduct;
import io.fluentkafka.worker.avro.ProductKind;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.Outcome.Detail;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.command.Repeat;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code get-product}: Fluent's {@code standardProduct(ref, catalogue)} or {@code variantProduct(ref, catalogue)},
 * as the command's {@code productKind} says. FOUND with the product, or NOT_FOUND.
 */
@Singleton
final class GetProductOperation implements Operation<GetProduct> {

    static final String STANDARD_PRODUCT = "query GetStandardProduct($ref: String!, $catalogue: ProductCatalogueKey!) "
            + "{ standardProduct(ref: $ref, catalogue: $catalogue) { " + Results.PRODUCT_FIELDS + " } }";
    static final String VARIANT_PRODUCT = "query GetVariantProduct($ref: String!, $catalogue: ProductCatalogueKey!) "
            + "{ variantProduct(ref: $ref, catalogue: $catalogue) { " + Results.PRODUCT_FIELDS + " } }";

    @Override
    public String kind() {
        return "get-product";
    }

    @Override
    public Class<GetProduct> commandType() {
        return GetProduct.class;
    }

    @Override
    public Repeat repeat() {
        return Repeat.IDEMPOTENT;
    }

    @Override
    public void validate(GetProduct command, Checks checks) {
        checks.required("catalogueRef", command.getCatalogueRef(), 100); // ProductCatalogueKey.ref
        checks.required("ref", command.getRef(), 100);
    }

    @Override
    public CompletableFuture<Succeeded> perform(GetProduct command, Execution execution) {
        boolean variant = command.getProductKind() == ProductKind.VARIANT;
        String field = variant ? "variantProduct" : "standardProduct";
        Map<String, Object> variables = variables(command);
        return execution.step(() -> execution.fluent().graphQl().optional(field, variant ? VARIANT_PRODUCT : STANDARD_PRODUCT, variables))
                .thenApply(product -> product.map(found -> Succeeded.of(Detail.FOUND, Results.product(found))).orElseGet(Succeeded::notFound));
    }

    /** The variables of either document; package-private for the conformance test. */
    static Map<String, Object> variables(GetProduct command) {
        return Map.of("ref", command.getRef(), "catalogue", Map.of("ref", command.getCatalogueRef()));
    }
}
