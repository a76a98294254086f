package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.ProductKind;
import io.fluentkafka.worker.avro.UpdateVariantProduct;
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
 * {@code update-variant-product}: Fluent's {@code updateVariantProduct} of the product with the command's catalogueRef and
 * ref, sending only the fields the command sets (prices upserted by type and currency, attributes by name). UPDATED with
 * the product as Fluent returns it; an unknown product is Fluent's not-found error (C0120E): FAILED, FLUENT_REJECTED.
 * A repeat sets the same values again.
 */
@Singleton
final class UpdateVariantProductOperation implements Operation<UpdateVariantProduct> {

    private final ProductMutations products;

    UpdateVariantProductOperation(ProductMutations products) {
        this.products = products;
    }

    @Override
    public String kind() {
        return ProductMutations.UPDATE_VARIANT_KIND;
    }

    @Override
    public Class<UpdateVariantProduct> commandType() {
        return UpdateVariantProduct.class;
    }

    @Override
    public Map<String, String> documents() {
        return Map.of("updateVariantProduct", ProductMutations.UPDATE_VARIANT);
    }

    @Override
    public Repeat repeat() {
        return Repeat.IDEMPOTENT;
    }

    @Override
    public void validate(UpdateVariantProduct command, Checks checks) {
        products.check(values(command), false, checks);
    }

    @Override
    public CompletableFuture<Succeeded> perform(UpdateVariantProduct command, Execution execution) {
        Map<String, Object> variables = variables(command);
        return execution.step(() -> products.update(execution, ProductKind.VARIANT, variables)).thenApply(product -> product.as(Detail.UPDATED));
    }

    /** The variables of {@link ProductMutations#UPDATE_VARIANT}; package-private for the conformance test. */
    Map<String, Object> variables(UpdateVariantProduct command) {
        return products.variables(values(command));
    }

    private static ProductMutations.Values values(UpdateVariantProduct c) {
        return new ProductMutations.Values(c.getCatalogueRef(), c.getRef(), null, null, c.getType(), c.getStatus(), c.getName(),
                c.getGtin(), c.getSummary(), c.getPrices(), c.getAttributes());
    }
}
