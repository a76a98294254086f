package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.CreateProduct;
import io.fluentkafka.worker.avro.Price;
import io.fluentkafka.worker.avro.ProductKind;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.command.Repeat;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code create-product}: Fluent's {@code createStandardProduct}; a duplicate ref finds the existing product. Its
 * prices are {@code prices} plus, ahead of them, the DEFAULT price of the deprecated {@code priceCurrency} +
 * {@code priceValue}, which commands written with the 0.1.0 schema carry (see {@link Prices#checkShorthand}).
 */
@Singleton
final class CreateProductOperation implements Operation<CreateProduct> {

    private final ProductMutations products;
    private final Duplicates duplicates;

    CreateProductOperation(ProductMutations products, Duplicates duplicates) {
        this.products = products;
        this.duplicates = duplicates;
    }

    @Override
    public String kind() {
        return ProductMutations.CREATE_STANDARD_KIND;
    }

    @Override
    public Class<CreateProduct> commandType() {
        return CreateProduct.class;
    }

    @Override
    public Map<String, String> documents() {
        return Map.of("createStandardProduct", ProductMutations.CREATE_STANDARD);
    }

    @Override
    public Repeat repeat() {
        return Repeat.LOOKUP_AFTER_DUPLICATE;
    }

    @Override
    public void validate(CreateProduct command, Checks checks) {
        products.check(values(command, command.getPrices()), true, checks);
        Prices.checkShorthand(command.getPriceCurrency(), command.getPriceValue(), command.getPrices(), checks);
    }

    @Override
    public CompletableFuture<Succeeded> perform(CreateProduct command, Execution execution) {
        Map<String, Object> variables = variables(command);
        return duplicates.createOrFind(execution, () -> products.create(execution, ProductKind.STANDARD, variables),
                () -> products.find(execution.fluent(), ProductKind.STANDARD, command.getCatalogueRef(), command.getRef()));
    }

    /** The variables of {@link ProductMutations#CREATE_STANDARD}; package-private for the conformance test. */
    Map<String, Object> variables(CreateProduct command) {
        return products.variables(values(command,
                Prices.withShorthand(command.getPriceCurrency(), command.getPriceValue(), command.getPrices())));
    }

    private static ProductMutations.Values values(CreateProduct c, List<Price> prices) {
        return new ProductMutations.Values(c.getCatalogueRef(), c.getRef(), null, null, c.getType(), null, c.getName(), c.getGtin(),
                c.getSummary(), prices, c.getAttributes());
    }
}
