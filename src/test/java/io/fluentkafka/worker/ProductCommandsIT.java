package io.fluentkafka.worker;

import io.fluentkafka.worker.avro.Attribute;
import io.fluentkafka.worker.avro.CommandType;
import io.fluentkafka.worker.avro.CreateProduct;
import io.fluentkafka.worker.avro.CreateVariantProduct;
import io.fluentkafka.worker.avro.ErrorCategory;
import io.fluentkafka.worker.avro.GetCurrentUser;
import io.fluentkafka.worker.avro.GetProduct;
import io.fluentkafka.worker.avro.Price;
import io.fluentkafka.worker.avro.ProductKind;
import io.fluentkafka.worker.avro.ProductResult;
import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.ReplyDetail;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.avro.UpdateStandardProduct;
import io.fluentkafka.worker.avro.UpdateVariantProduct;
import io.fluentkafka.worker.avro.UpsertProduct;
import io.fluentkafka.worker.support.RunningWorker;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.fluentkafka.worker.support.CommandReplies.assertFailedByFluent;
import static io.fluentkafka.worker.support.CommandReplies.newId;
import static io.fluentkafka.worker.support.CommandReplies.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product kinds other than creation end to end (Avro on a real broker, the worker, the Fluent simulator over HTTP):
 * update-standard-product, update-variant-product, upsert-product and get-product, each one's success and, where it
 * has one, its not-found path; and, for every product kind, a validation failure and a retried step.
 * {@link ProductCreationIT} has create-product and create-variant-product.
 */
class ProductCommandsIT {

    private static final String CATALOGUE = "PC:MASTER:1";
    private static RunningWorker worker;

    @BeforeAll
    static void start() {
        worker = RunningWorker.start("products");
    }

    @AfterAll
    static void stop() throws Exception {
        worker.close();
    }

    @Test
    void updatesAStandardAndAVariantProductUpsertingPricesAndAttributes() {
        send(worker, "create-product", CreateProduct.newBuilder().setCommandId(newId()).setCatalogueRef(CATALOGUE).setRef("U-1").setName("Hat")
                .setGtin("0004").setPriceCurrency("AUD").setPriceValue(30.0).setAttributes(List.of(new Attribute("colour", "STRING", "red"))).build());
        worker.fluent().addVariantProduct(CATALOGUE, "U-1-V", "Hat, small", "0005");

        Reply standard = send(worker, "update-standard-product", UpdateStandardProduct.newBuilder().setCommandId(newId()).setCatalogueRef(CATALOGUE)
                .setRef("U-1").setStatus("ACTIVE").setPrices(List.of(new Price("DEFAULT", "AUD", 25.0), new Price("SALE", "AUD", 20.0)))
                .setAttributes(List.of(new Attribute("size", "STRING", "M"))).build());
        Reply variant = send(worker, "update-variant-product", UpdateVariantProduct.newBuilder().setCommandId(newId()).setCatalogueRef(CATALOGUE)
                .setRef("U-1-V").setName("Hat, S").build());

        assertThat(standard.getCommandType()).isEqualTo(CommandType.UPDATE_STANDARD_PRODUCT);
        assertThat(standard.getDetail()).isEqualTo(ReplyDetail.UPDATED);
        assertThat((ProductResult) standard.getResult()).extracting(ProductResult::getName, ProductResult::getStatus).containsExactly("Hat", "ACTIVE");
        Map<String, Object> stored = worker.fluent().product(CATALOGUE, "U-1").orElseThrow();
        assertThat(stored.get("prices")).as("DEFAULT AUD replaced, SALE AUD added").isEqualTo(List.of(
                Map.of("type", "DEFAULT", "currency", "AUD", "value", 25.0), Map.of("type", "SALE", "currency", "AUD", "value", 20.0)));
        assertThat(stored.get("attributes")).isEqualTo(List.of(Map.of("name", "colour", "type", "STRING", "value", "red"),
                Map.of("name", "size", "type", "STRING", "value", "M")));
        assertThat(variant.getCommandType()).isEqualTo(CommandType.UPDATE_VARIANT_PRODUCT);
        assertThat(variant.getDetail()).isEqualTo(ReplyDetail.UPDATED);
        assertThat((ProductResult) variant.getResult()).extracting(ProductResult::getName, ProductResult::getType, ProductResult::getGtin)
                .containsExactly("Hat, S", "VARIANT", "0005");
        assertThat(worker.fluent().graphQlRequests().stream().filter(r -> r.query() != null && r.query().contains("updateVariantProduct"))
                .reduce((first, last) -> last).orElseThrow().variables().get("input"))
                .isEqualTo(Map.of("ref", "U-1-V", "catalogue", Map.of("ref", CATALOGUE), "name", "Hat, S"));
    }

    @Test
    void failsAndDeadLettersAnUpdateOfAProductThatIsNotThere() {
        worker.fluent().addStandardProduct(CATALOGUE, "ONLY-STANDARD", "Box", "0006");
        String standard = newId();
        String variant = newId();

        Reply standardReply = send(worker, "update-standard-product", UpdateStandardProduct.newBuilder().setCommandId(standard).setCatalogueRef(CATALOGUE)
                .setRef("NO-SUCH-PRODUCT").setName("Nothing").build());
        Reply variantReply = send(worker, "update-variant-product", UpdateVariantProduct.newBuilder().setCommandId(variant).setCatalogueRef(CATALOGUE)
                .setRef("ONLY-STANDARD").setName("Not a variant").build());

        assertFailedByFluent(worker, "update-standard-product", standardReply, standard, "C0120E");
        assertFailedByFluent(worker, "update-variant-product", variantReply, variant, "C0120E");
        assertThat(worker.fluent().product(CATALOGUE, "ONLY-STANDARD").orElseThrow()).containsEntry("name", "Box");
    }

    @Test
    void upsertCreatesThenUpdatesAProductOfEitherKind() {
        UpsertProduct.Builder standard = UpsertProduct.newBuilder().setCatalogueRef(CATALOGUE).setRef("UP-1").setName("Scarf").setGtin("0007")
                .setSummary("Wool").setPrices(List.of(new Price("DEFAULT", "AUD", 60.0)));

        Reply created = send(worker, "upsert-product", standard.setCommandId(newId()).build());
        Reply updated = send(worker, "upsert-product", standard.setCommandId(newId()).setSummary(null).setName("Silk scarf")
                .setPrices(List.of(new Price("SALE", "AUD", 50.0))).build());
        Reply variant = send(worker, "upsert-product", standard.setCommandId(newId()).setProductKind(ProductKind.VARIANT).setProductRef("UP-1")
                .setRef("UP-1").build());

        assertThat(created.getCommandType()).isEqualTo(CommandType.UPSERT_PRODUCT);
        assertThat(created.getDetail()).isEqualTo(ReplyDetail.CREATED);
        assertThat(updated.getDetail()).isEqualTo(ReplyDetail.UPDATED);
        assertThat(updated.getAttempts()).as("a create refused as a duplicate, then the update").isEqualTo(2);
        assertThat((ProductResult) updated.getResult()).extracting(ProductResult::getId, ProductResult::getName, ProductResult::getType)
                .containsExactly(((ProductResult) created.getResult()).getId(), "Silk scarf", "STANDARD");
        assertThat(worker.fluent().product(CATALOGUE, "UP-1").orElseThrow()).as("what the update left out stays")
                .containsEntry("summary", "Wool").containsEntry("prices", List.of(Map.of("type", "DEFAULT", "currency", "AUD", "value", 60.0),
                        Map.of("type", "SALE", "currency", "AUD", "value", 50.0)));
        assertThat(variant.getDetail()).as("a variant may share its standard product's ref").isEqualTo(ReplyDetail.CREATED);
        assertThat(((ProductResult) variant.getResult()).getType()).isEqualTo("VARIANT");
    }

    @Test
    void rejectsAnInvalidCommandOfEachKindBeforeCallingFluentAndDeadLettersIt() {
        List<Price> negative = List.of(new Price("DEFAULT", "AUD", -1.0));
        Map<String, SpecificRecordBase> bad = Map.of(
                "create-product", CreateProduct.newBuilder().setCommandId(newId()).setCatalogueRef(CATALOGUE).setRef("BAD").setName("Bad")
                        .setGtin("1").setPrices(negative).build(),
                "create-variant-product", CreateVariantProduct.newBuilder().setCommandId(newId()).setCatalogueRef(CATALOGUE).setRef("BAD")
                        .setName("Bad").setGtin("1".repeat(21)).setPrices(negative).build(),
                "update-standard-product", UpdateStandardProduct.newBuilder().setCommandId(newId()).setCatalogueRef(CATALOGUE).setRef("BAD")
                        .setPrices(negative).build(),
                "update-variant-product", UpdateVariantProduct.newBuilder().setCommandId(newId()).setCatalogueRef(CATALOGUE).setRef(" ")
                        .setPrices(List.of(new Price("DEFAULT", "AUD", Double.POSITIVE_INFINITY))).build(),
                "upsert-product", UpsertProduct.newBuilder().setCommandId(newId()).setCatalogueRef(CATALOGUE).setRef("BAD").setName("")
                        .setGtin("1").setPrices(negative).build());
        int graphQlCallsBefore = worker.fluent().graphQlRequests().size();

        bad.forEach((kind, command) -> {
            String id = (String) command.get("commandId");
            Reply reply = send(worker, kind, command);
            assertThat(reply.getStatus()).as(kind).isEqualTo(ReplyStatus.FAILED);
            assertThat(reply.getError().getCategory()).as(kind).isEqualTo(ErrorCategory.VALIDATION);
            assertThat(reply.getError().getMessage()).as(kind).contains("prices[0].value");
            assertThat(reply.getAttempts()).as(kind).isZero();
            assertThat(RunningWorker.header(worker.awaitDeadLetter(kind, "dlt.command-id", id), "dlt.error.stage")).isEqualTo("validate");
        });
        assertThat(worker.fluent().graphQlRequests()).hasSize(graphQlCallsBefore);
    }

    @Test
    void retriesATransientFailureOfEachKindsSteps() {
        send(worker, "get-current-user", GetCurrentUser.newBuilder().setCommandId(newId()).build()); // the token, before the faults
        worker.fluent().addStandardProduct(CATALOGUE, "R-1", "Belt", "0008");
        worker.fluent().addVariantProduct(CATALOGUE, "R-1-V", "Belt, brown", "0009");
        Map<String, SpecificRecordBase> commands = Map.of(
                "create-variant-product", CreateVariantProduct.newBuilder().setCommandId(newId()).setCatalogueRef(CATALOGUE).setRef("R-2-V")
                        .setName("Belt, black").setGtin("0010").build(),
                "update-standard-product", UpdateStandardProduct.newBuilder().setCommandId(newId()).setCatalogueRef(CATALOGUE).setRef("R-1")
                        .setStatus("ACTIVE").build(),
                "update-variant-product", UpdateVariantProduct.newBuilder().setCommandId(newId()).setCatalogueRef(CATALOGUE).setRef("R-1-V")
                        .setStatus("ACTIVE").build(),
                "upsert-product", UpsertProduct.newBuilder().setCommandId(newId()).setCatalogueRef(CATALOGUE).setRef("R-1").setName("Belt")
                        .setGtin("0008").build());
        Map<String, ReplyDetail> details = Map.of("create-variant-product", ReplyDetail.CREATED, "update-standard-product", ReplyDetail.UPDATED,
                "update-variant-product", ReplyDetail.UPDATED, "upsert-product", ReplyDetail.UPDATED);
        Map<String, Integer> attempts = Map.of("create-variant-product", 2, "update-standard-product", 2, "update-variant-product", 2,
                "upsert-product", 3); // the upsert: the create failed (503), refused as a duplicate, then the update

        commands.forEach((kind, command) -> {
            worker.fluent().failNextGraphQl(1, 503);
            Reply reply = send(worker, kind, command);
            assertThat(reply.getStatus()).as(kind).isEqualTo(ReplyStatus.SUCCEEDED);
            assertThat(reply.getDetail()).as(kind).isEqualTo(details.get(kind));
            assertThat(reply.getAttempts()).as(kind).isEqualTo(attempts.get(kind));
        });
    }

    @Test
    void getsAStandardOrAVariantProductOrRepliesNotFound() {
        String created = newId();
        worker.producer().send(worker.topic("create-product"), "SKU-GP", CreateProduct.newBuilder().setCommandId(created)
                .setCatalogueRef("PC:MASTER:1").setRef("SKU-GP").setName("Tee").setGtin("0001").build());
        worker.awaitReply(created);
        worker.fluent().addVariantProduct("PC:MASTER:1", "SKU-GP", "Tee, red, M", "0002");
        String standard = newId();
        String variant = newId();
        String missing = newId();
        GetProduct.Builder lookup = GetProduct.newBuilder().setCatalogueRef("PC:MASTER:1").setRef("SKU-GP");
        worker.producer().send(worker.topic("get-product"), "SKU-GP", lookup.setCommandId(standard).build());
        worker.producer().send(worker.topic("get-product"), "SKU-GP", lookup.setCommandId(variant).setProductKind(ProductKind.VARIANT).build());
        worker.producer().send(worker.topic("get-product"), "SKU-NONE", lookup.setCommandId(missing).setRef("SKU-NONE").build());

        Reply standardReply = worker.awaitReply(standard);
        Reply variantReply = worker.awaitReply(variant);
        Reply missingReply = worker.awaitReply(missing);

        assertThat(standardReply.getCommandType()).isEqualTo(CommandType.GET_PRODUCT);
        assertThat(standardReply.getDetail()).isEqualTo(ReplyDetail.FOUND);
        assertThat((ProductResult) standardReply.getResult()).extracting(ProductResult::getName, ProductResult::getGtin,
                ProductResult::getCatalogueRef).containsExactly("Tee", "0001", "PC:MASTER:1");
        assertThat(variantReply.getDetail()).isEqualTo(ReplyDetail.FOUND);
        assertThat((ProductResult) variantReply.getResult()).extracting(ProductResult::getName, ProductResult::getType)
                .containsExactly("Tee, red, M", "VARIANT");
        assertThat(missingReply.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        assertThat(missingReply.getDetail()).isEqualTo(ReplyDetail.NOT_FOUND);
        assertThat(missingReply.getResult()).isNull();
    }

    @Test
    void failsAProductLookupThatFluentAnswersWithErrorsInsteadOfSayingNotFound() {
        worker.fluent().denyVariantProductReads(true);
        String id = newId();
        try {
            worker.producer().send(worker.topic("get-product"), "SKU-DENIED", GetProduct.newBuilder().setCommandId(id)
                    .setCatalogueRef("PC:MASTER:1").setRef("SKU-DENIED").setProductKind(ProductKind.VARIANT).build());

            Reply reply = worker.awaitReply(id);

            assertThat(reply.getStatus()).isEqualTo(ReplyStatus.FAILED);
            assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.FLUENT_REJECTED);
            assertThat(reply.getError().getFluentErrors()).extracting(io.fluentkafka.worker.avro.FluentError::getCode).containsExactly("C0020E");
            worker.awaitDeadLetter("get-product", "dlt.command-id", id);
        } finally {
            worker.fluent().denyVariantProductReads(false);
        }
    }
}
