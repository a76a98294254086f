package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.GetProduct;
import io.fluentkafka.worker.avro.ProductKind;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Document;
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

    private final Answers answers;

    GetProductOperation(Answers answers) {
        this.answers = answers;
    }

    @Override
    public String kind() {
        return "get-product";
    }

    @Override
    public Class<GetProduct> commandType() {
        return GetProduct.class;
    }

    /** A replacing document replaces the one of the root field it selects: only one of the two can be replaced. */
    @Override
    public Map<String, String> documents() {
        return Map.of("standardProduct", STANDARD_PRODUCT, "variantProduct", VARIANT_PRODUCT);
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
        Document document = execution.document(kind(), variant ? "variantProduct" : "standardProduct");
        Map<String, Object> variables = variables(command);
        return execution.step(() -> answers.optional(execution.fluent(), document, variables))
                .thenApply(product -> product.map(found -> answers.of(document, found, Results::product).as(Detail.FOUND))
                        .orElseGet(Succeeded::notFound));
    }

    /** The variables of either document; package-private for the conformance test. */
    static Map<String, Object> variables(GetProduct command) {
        return Map.of("ref", command.getRef(), "catalogue", Map.of("ref", command.getCatalogueRef()));
    }
}
