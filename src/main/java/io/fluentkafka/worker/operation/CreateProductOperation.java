package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.CreateProduct;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Document;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.command.Repeat;
import io.fluentkafka.worker.fluent.ProductDraft;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code create-product}: Fluent's {@code createStandardProduct}; a duplicate ref finds the existing product. */
@Singleton
final class CreateProductOperation implements Operation<CreateProduct> {

    private static final int TEXT_MAX = 255;

    private final Attributes attributes;
    private final Duplicates duplicates;
    private final Answers answers;

    CreateProductOperation(Attributes attributes, Duplicates duplicates, Answers answers) {
        this.attributes = attributes;
        this.duplicates = duplicates;
        this.answers = answers;
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
        checks.required("catalogueRef", command.getCatalogueRef(), 100); // ProductCatalogueKey.ref
        checks.required("ref", command.getRef(), 100);
        checks.required("type", command.getType(), 50);
        checks.required("name", command.getName(), TEXT_MAX);
        checks.optional("summary", command.getSummary(), TEXT_MAX);
        checks.required("gtin", command.getGtin(), 20);
        boolean hasCurrency = command.getPriceCurrency() != null;
        Double value = command.getPriceValue();
        if (hasCurrency != (value != null)) {
            checks.add(hasCurrency ? "priceValue" : "priceCurrency", "is required when " + (hasCurrency ? "priceCurrency" : "priceValue") + " is given");
        }
        checks.optional("priceCurrency", command.getPriceCurrency(), 10);
        if (value != null && !Double.isFinite(value)) {
            checks.add("priceValue", "must be a finite number, not " + value);
        } else if (value != null && value < 0) {
            checks.add("priceValue", "must not be negative, got " + value);
        }
        attributes.check(command.getAttributes(), checks);
    }

    @Override
    public CompletableFuture<Succeeded> perform(CreateProduct command, Execution execution) {
        ProductDraft draft = new ProductDraft(command.getCatalogueRef(), command.getRef(), command.getType(), command.getName(),
                command.getSummary(), command.getGtin(), command.getPriceCurrency(), command.getPriceValue(),
                Attributes.inputs(command.getAttributes()));
        Document document = execution.document(kind(), "createStandardProduct");
        return duplicates.createOrFind(execution, () -> execution.fluent().createStandardProduct(draft, document.text())
                        .thenApply(created -> answers.of(document, created, Results::product)),
                () -> execution.fluent().findStandardProduct(draft.catalogueRef(), draft.ref())
                        .thenApply(found -> found.map(product -> Answer.of(Results.product(product)))));
    }
}
