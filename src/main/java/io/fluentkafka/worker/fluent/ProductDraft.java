package io.fluentkafka.worker.fluent;

import java.util.List;

/**
 * What to create with {@code createStandardProduct}. A non-null {@code priceCurrency} with {@code priceValue}
 * becomes one {@code DEFAULT} price.
 */
public record ProductDraft(String catalogueRef, String ref, String type, String name, String summary, String gtin,
                           String priceCurrency, Double priceValue, List<AttributeInput> attributes) {

    public ProductDraft {
        attributes = List.copyOf(attributes);
    }
}
