package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.Attribute;
import io.fluentkafka.worker.avro.CreateProduct;
import io.fluentkafka.worker.avro.CreateVariantProduct;
import io.fluentkafka.worker.avro.Price;
import io.fluentkafka.worker.avro.ProductKind;
import io.fluentkafka.worker.avro.UpdateStandardProduct;
import io.fluentkafka.worker.avro.UpdateVariantProduct;
import io.fluentkafka.worker.avro.UpsertProduct;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Violation;
import io.fluentkafka.worker.messaging.AvroTrust;
import io.fluentkafka.worker.support.fluent.FluentReferenceSchema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product kinds' documents, with the variables each operation builds, are requests Fluent's real schema accepts;
 * an update sends only what the command sets; the checks name each field Fluent would refuse.
 */
class ProductMutationsConformanceTest {

    static {
        AvroTrust.ensure(); // a builder reads the defaults of enums and arrays through Avro's class checks
    }

    private static final List<Price> PRICES = List.of(new Price("DEFAULT", "AUD", 49.95), new Price("SALE", "AUD", 39.95),
            new Price("DEFAULT", "NZD", 54.0));
    private static final List<Attribute> ATTRIBUTES = List.of(new Attribute("colour", "STRING", "blue"),
            new Attribute("size", "JSON", "{\"eu\":42}"));

    private final FluentReferenceSchema fluent = FluentReferenceSchema.load();
    private final CreateProductOperation createStandard = (CreateProductOperation) TestOperations.byKind("create-product");
    private final CreateVariantProductOperation createVariant = (CreateVariantProductOperation) TestOperations.byKind("create-variant-product");
    private final UpdateStandardProductOperation updateStandard = (UpdateStandardProductOperation) TestOperations.byKind("update-standard-product");
    private final UpdateVariantProductOperation updateVariant = (UpdateVariantProductOperation) TestOperations.byKind("update-variant-product");
    private final UpsertProductOperation upsert = (UpsertProductOperation) TestOperations.byKind("upsert-product");

    @Test
    void aVariantWithItsParentPricesAndAttributesIsAValidCreateAgainstFluentsSchema() {
        CreateVariantProduct command = CreateVariantProduct.newBuilder().setCommandId("v-1").setCatalogueRef("PC:MASTER:1").setRef("SKU-1-BLUE")
                .setProductRef("SKU-1").setName("Shirt, blue").setGtin("9300000000024").setSummary("Blue").setPrices(PRICES)
                .setAttributes(ATTRIBUTES).build();

        Map<String, Object> variables = createVariant.variables(command);

        assertThat(fluent.requestErrors(ProductMutations.CREATE_VARIANT, null, variables)).isEmpty();
        assertThat(input(variables)).containsEntry("type", "VARIANT")
                .containsEntry("product", Map.of("ref", "SKU-1", "catalogue", Map.of("ref", "PC:MASTER:1")))
                .containsEntry("prices", List.of(Map.of("type", "DEFAULT", "currency", "AUD", "value", 49.95),
                        Map.of("type", "SALE", "currency", "AUD", "value", 39.95), Map.of("type", "DEFAULT", "currency", "NZD", "value", 54.0)));
    }

    @Test
    void aStandardProductWithSeveralPricesAndTheDeprecatedShorthandIsAValidCreateAgainstFluentsSchema() {
        CreateProduct command = CreateProduct.newBuilder().setCommandId("s-1").setCatalogueRef("PC:MASTER:1").setRef("SKU-1").setName("Shirt")
                .setGtin("9300000000017").setSummary("A shirt").setPriceCurrency("USD").setPriceValue(35.0).setPrices(PRICES)
                .setAttributes(ATTRIBUTES).build();

        Map<String, Object> variables = createStandard.variables(command);

        assertThat(fluent.requestErrors(ProductMutations.CREATE_STANDARD, null, variables)).isEmpty();
        assertThat(input(variables)).containsEntry("type", "STANDARD").doesNotContainKey("product")
                .containsEntry("prices", List.of(Map.of("type", "DEFAULT", "currency", "USD", "value", 35.0),
                        Map.of("type", "DEFAULT", "currency", "AUD", "value", 49.95), Map.of("type", "SALE", "currency", "AUD", "value", 39.95),
                        Map.of("type", "DEFAULT", "currency", "NZD", "value", 54.0)));
    }

    @Test
    void theDeprecatedShorthandAloneIsOneDefaultPriceAndNoPriceSendsNone() {
        CreateProduct.Builder product = CreateProduct.newBuilder().setCommandId("s-2").setCatalogueRef("PC:MASTER:1").setRef("SKU-2")
                .setName("Hat").setGtin("1");

        Map<String, Object> shorthand = createStandard.variables(product.setPriceCurrency("AUD").setPriceValue(19.95).build());
        Map<String, Object> none = createStandard.variables(product.setPriceCurrency(null).setPriceValue(null).build());

        assertThat(fluent.requestErrors(ProductMutations.CREATE_STANDARD, null, shorthand)).isEmpty();
        assertThat(fluent.requestErrors(ProductMutations.CREATE_STANDARD, null, none)).isEmpty();
        assertThat(input(shorthand)).containsEntry("prices", List.of(Map.of("type", "DEFAULT", "currency", "AUD", "value", 19.95)));
        assertThat(input(none)).doesNotContainKeys("prices", "attributes", "summary");
    }

    @Test
    void refusesAShorthandThatIsHalfGivenBrokenOrRepeatsADefaultPriceOfPrices() {
        CreateProduct.Builder product = CreateProduct.newBuilder().setCommandId("s-3").setCatalogueRef("PC:MASTER:1").setRef("SKU-3")
                .setName("Sock").setGtin("1");
        Checks repeated = new Checks();
        Checks half = new Checks();
        Checks broken = new Checks();

        createStandard.validate(product.setPriceCurrency("AUD").setPriceValue(9.0).setPrices(PRICES).build(), repeated);
        createStandard.validate(product.setPriceCurrency(null).setPriceValue(9.0).setPrices(List.of()).build(), half);
        createStandard.validate(product.setPriceCurrency("AUDOLLARS11").setPriceValue(Double.NEGATIVE_INFINITY)
                .setPrices(List.of(new Price("DEFAULT", "AUD", -1.0))).build(), broken);

        assertThat(repeated.violations()).extracting(Violation::toString).containsExactly(
                "priceCurrency gives a DEFAULT price in AUD, as prices[0] does; a product has one price per type and currency "
                        + "(priceCurrency and priceValue are deprecated: use prices)");
        assertThat(half.violations()).extracting(Violation::toString).containsExactly("priceCurrency is required when priceValue is given");
        assertThat(broken.violations()).extracting(Violation::toString).containsExactlyInAnyOrder(
                "prices[0].value must not be negative, got -1.0",
                "priceCurrency is 11 characters long; at most 10 are allowed",
                "priceValue must be a finite number, not -Infinity");
    }

    @Test
    void aVariantWithoutParentSendsNoProduct() {
        CreateVariantProduct command = CreateVariantProduct.newBuilder().setCommandId("v-2").setCatalogueRef("PC:MASTER:1").setRef("V-2")
                .setName("Loose").setGtin("1").build();

        assertThat(fluent.requestErrors(ProductMutations.CREATE_VARIANT, null, createVariant.variables(command))).isEmpty();
        assertThat(input(createVariant.variables(command))).doesNotContainKeys("product", "prices", "attributes", "summary");
    }

    @Test
    void updatesSendOnlyTheKeyAndTheFieldsTheCommandSets() {
        UpdateStandardProduct standard = UpdateStandardProduct.newBuilder().setCommandId("u-1").setCatalogueRef("PC:MASTER:1").setRef("SKU-1")
                .setStatus("ACTIVE").setPrices(PRICES).setAttributes(ATTRIBUTES).build();
        UpdateVariantProduct variant = UpdateVariantProduct.newBuilder().setCommandId("u-2").setCatalogueRef("PC:MASTER:1").setRef("SKU-1-BLUE")
                .setType("VARIANT").setName("Blue shirt").setGtin("9300000000024").setSummary("Blue").setStatus("INACTIVE").build();

        assertThat(fluent.requestErrors(ProductMutations.UPDATE_STANDARD, null, updateStandard.variables(standard))).isEmpty();
        assertThat(fluent.requestErrors(ProductMutations.UPDATE_VARIANT, null, updateVariant.variables(variant))).isEmpty();
        assertThat(input(updateStandard.variables(standard))).containsOnlyKeys("ref", "catalogue", "status", "prices", "attributes");
        assertThat(input(updateVariant.variables(UpdateVariantProduct.newBuilder().setCommandId("u-3").setCatalogueRef("C").setRef("R").build())))
                .isEqualTo(Map.of("ref", "R", "catalogue", Map.of("ref", "C")));
    }

    @Test
    void anUpsertCreatesWithTheKindsDefaultTypeAndUpdatesLeavingAnUnsetTypeAlone() {
        UpsertProduct standard = UpsertProduct.newBuilder().setCommandId("p-1").setCatalogueRef("PC:MASTER:1").setRef("SKU-9").setName("Hat")
                .setGtin("9").setPrices(PRICES).setAttributes(ATTRIBUTES).build();
        UpsertProduct variant = UpsertProduct.newBuilder(standard).setProductKind(ProductKind.VARIANT).setProductRef("SKU-1").build();

        assertThat(fluent.requestErrors(ProductMutations.CREATE_STANDARD, null, upsert.variables(standard, true))).isEmpty();
        assertThat(fluent.requestErrors(ProductMutations.UPDATE_STANDARD, null, upsert.variables(standard, false))).isEmpty();
        assertThat(fluent.requestErrors(ProductMutations.CREATE_VARIANT, null, upsert.variables(variant, true))).isEmpty();
        assertThat(fluent.requestErrors(ProductMutations.UPDATE_VARIANT, null, upsert.variables(variant, false))).isEmpty();
        assertThat(input(upsert.variables(standard, true))).containsEntry("type", "STANDARD");
        assertThat(input(upsert.variables(variant, true))).containsEntry("type", "VARIANT").containsKey("product");
        assertThat(input(upsert.variables(variant, false))).doesNotContainKey("type").containsEntry("name", "Hat").containsKey("product");
    }

    @Test
    void everyDocumentSelectsTheFieldsGetProductSelects() {
        for (String document : List.of(ProductMutations.CREATE_STANDARD, ProductMutations.CREATE_VARIANT, ProductMutations.UPDATE_STANDARD,
                ProductMutations.UPDATE_VARIANT)) {
            assertThat(document).endsWith("{ id ref type name gtin status catalogue { ref } } }");
            assertThat(fluent.documentErrors(document)).isEmpty();
        }
    }

    @Test
    void refusesPricesThatAreNotFiniteNegativeRepeatedOrWithoutCurrency() {
        UpdateStandardProduct bad = UpdateStandardProduct.newBuilder().setCommandId("u-4").setCatalogueRef("PC:MASTER:1").setRef("SKU-1")
                .setPrices(List.of(new Price("DEFAULT", "AUD", Double.NaN), new Price("SALE", "AUD", -1.0), new Price("RRP", " ", 1.0),
                        new Price("DEFAULT", "AUDOLLARS11", 1.0), new Price("SALE", "AUD", 2.0)))
                .build();
        Checks checks = new Checks();

        updateStandard.validate(bad, checks);

        assertThat(checks.violations()).extracting(Violation::toString).containsExactly(
                "prices[0].value must be a finite number, not NaN",
                "prices[1].value must not be negative, got -1.0",
                "prices[2].currency is required",
                "prices[3].currency is 11 characters long; at most 10 are allowed",
                "prices[4] repeats type SALE and currency AUD of an earlier price; a product has one price per type and currency");
    }

    @Test
    void refusesAVariantWithoutWhatFluentRequiresOrOverItsLimits() {
        CreateVariantProduct bad = CreateVariantProduct.newBuilder().setCommandId("v-3").setCatalogueRef("").setRef("r".repeat(101))
                .setProductRef("p".repeat(101)).setType("t".repeat(51)).setName(" ").setGtin("1".repeat(21)).build();
        Checks checks = new Checks();

        createVariant.validate(bad, checks);

        assertThat(checks.violations()).extracting(Violation::toString).containsExactly(
                "catalogueRef is required",
                "ref is 101 characters long; at most 100 are allowed",
                "productRef is 101 characters long; at most 100 are allowed",
                "type is 51 characters long; at most 50 are allowed",
                "name is required",
                "gtin is 21 characters long; at most 20 are allowed");
    }

    @Test
    void refusesAnUpdateWithoutKeyAndAStandardUpsertNamingAParent() {
        Checks update = new Checks();
        Checks upsertChecks = new Checks();

        updateVariant.validate(UpdateVariantProduct.newBuilder().setCommandId("u-5").setCatalogueRef("C").setRef(" ").setStatus("s".repeat(51)).build(), update);
        upsert.validate(UpsertProduct.newBuilder().setCommandId("p-2").setCatalogueRef("C").setRef("R").setName("N").setGtin("G")
                .setProductRef("SKU-1").build(), upsertChecks);

        assertThat(update.violations()).extracting(Violation::toString).containsExactly(
                "ref is required", "status is 51 characters long; at most 50 are allowed");
        assertThat(upsertChecks.violations()).extracting(Violation::toString).containsExactly(
                "productRef names a parent product, which only a VARIANT product has");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> input(Map<String, Object> variables) {
        return (Map<String, Object>) variables.get("input");
    }
}
