package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.CreateVariantProduct;
import io.fluentkafka.worker.avro.ProductKind;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.command.Repeat;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code create-variant-product}: Fluent's {@code createVariantProduct}, under the parent standard product the command
 * names (if any). CREATED with the variant; a ref the catalogue already holds as a variant finds the existing variant
 * ({@code variantProduct(ref, catalogue)}) and replies ALREADY_EXISTS, as create-product does.
 */
@Singleton
final class CreateVariantProductOperation implements Operation<CreateVariantProduct> {

    private final ProductMutations products;
    private final Duplicates duplicates;

    CreateVariantProductOperation(ProductMutations products, Duplicates duplicates) {
        this.products = products;
        this.duplicates = duplicates;
    }

    @Override
    public String kind() {
        return ProductMutations.CREATE_VARIANT_KIND;
    }

    @Override
    public Class<CreateVariantProduct> commandType() {
        return CreateVariantProduct.class;
    }

    @Override
    public Map<String, String> documents() {
        return Map.of("createVariantProduct", ProductMutations.CREATE_VARIANT);
    }

    @Override
    public Repeat repeat() {
        return Repeat.LOOKUP_AFTER_DUPLICATE;
    }

    @Override
    public void validate(CreateVariantProduct command, Checks checks) {
        products.check(values(command), true, checks);
    }

    @Override
    public CompletableFuture<Succeeded> perform(CreateVariantProduct command, Execution execution) {
        Map<String, Object> variables = variables(command);
        return duplicates.createOrFind(execution, () -> products.create(execution, ProductKind.VARIANT, variables),
                () -> products.find(execution.fluent(), ProductKind.VARIANT, command.getCatalogueRef(), command.getRef()));
    }

    /** The variables of {@link ProductMutations#CREATE_VARIANT}; package-private for the conformance test. */
    Map<String, Object> variables(CreateVariantProduct command) {
        return products.variables(values(command));
    }

    private static ProductMutations.Values values(CreateVariantProduct c) {
        return new ProductMutations.Values(c.getCatalogueRef(), c.getRef(), c.getProductRef(), c.getProductCatalogueRef(), c.getType(),
                null, c.getName(), c.getGtin(), c.getSummary(), c.getPrices(), c.getAttributes());
    }
}
