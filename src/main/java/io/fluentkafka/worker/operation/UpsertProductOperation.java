package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.ProductKind;
import io.fluentkafka.worker.avro.UpsertProduct;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.command.Repeat;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code upsert-product}: step one is Fluent's {@code createStandardProduct} or {@code createVariantProduct}, as the
 * command's productKind says (type defaults to the kind's name). When Fluent refuses it as a duplicate (by code,
 * {@code fluent.duplicate-*}), step two is {@code updateStandardProduct} or {@code updateVariantProduct} of that
 * (catalogue, ref) with the fields the command sets: a null type or summary leaves the product's as it is, prices and
 * attributes are upserted. CREATED or UPDATED, with the product. A repeat updates the product to the same values.
 */
@Singleton
final class UpsertProductOperation implements Operation<UpsertProduct> {

    private final ProductMutations products;
    private final Duplicates duplicates;

    UpsertProductOperation(ProductMutations products, Duplicates duplicates) {
        this.products = products;
        this.duplicates = duplicates;
    }

    @Override
    public String kind() {
        return "upsert-product";
    }

    @Override
    public Class<UpsertProduct> commandType() {
        return UpsertProduct.class;
    }

    @Override
    public Repeat repeat() {
        return Repeat.UPDATE_AFTER_DUPLICATE;
    }

    /** The create's checks: they cover the update's, whose input is the create's less the defaults. */
    @Override
    public void validate(UpsertProduct command, Checks checks) {
        products.check(values(command, true), true, checks);
        if (command.getProductKind() != ProductKind.VARIANT && command.getProductRef() != null) {
            checks.add("productRef", "names a parent product, which only a VARIANT product has");
        }
    }

    @Override
    public CompletableFuture<Succeeded> perform(UpsertProduct command, Execution execution) {
        ProductKind kind = command.getProductKind();
        Map<String, Object> create = variables(command, true);
        Map<String, Object> update = variables(command, false);
        return duplicates.createOrUpdate(execution, () -> products.create(execution, kind, create),
                () -> products.update(execution, kind, update));
    }

    /**
     * The variables of the create step ({@code create}) or of the update step; package-private for the conformance
     * test. Only the create defaults the type.
     */
    Map<String, Object> variables(UpsertProduct command, boolean create) {
        return products.variables(values(command, create));
    }

    private static ProductMutations.Values values(UpsertProduct c, boolean create) {
        String type = c.getType() == null && create ? c.getProductKind().name() : c.getType();
        return new ProductMutations.Values(c.getCatalogueRef(), c.getRef(), c.getProductRef(), c.getProductCatalogueRef(), type, null,
                c.getName(), c.getGtin(), c.getSummary(), c.getPrices(), c.getAttributes());
    }
}
