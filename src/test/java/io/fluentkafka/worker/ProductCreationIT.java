package io.fluentkafka.worker;

import io.fluentkafka.worker.avro.CommandType;
import io.fluentkafka.worker.avro.CreateProduct;
import io.fluentkafka.worker.avro.CreateVariantProduct;
import io.fluentkafka.worker.avro.ErrorCategory;
import io.fluentkafka.worker.avro.Price;
import io.fluentkafka.worker.avro.ProductResult;
import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.ReplyDetail;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.support.RunningWorker;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.fluentkafka.worker.support.CommandReplies.assertFailedByFluent;
import static io.fluentkafka.worker.support.CommandReplies.newId;
import static io.fluentkafka.worker.support.CommandReplies.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creating products end to end (Avro on a real broker, the worker, the Fluent simulator over HTTP): create-product's
 * prices, its deprecated single price, a create-product written with the released 0.1.0 schema, and
 * create-variant-product's success, duplicate and missing parent. {@link ProductCommandsIT} has the other product kinds,
 * and the validation and retries of every kind.
 */
class ProductCreationIT {

    private static final String CATALOGUE = "PC:MASTER:1";
    private static RunningWorker worker;

    @BeforeAll
    static void start() {
        worker = RunningWorker.start("product-creation");
    }

    @AfterAll
    static void stop() throws Exception {
        worker.close();
    }

    @Test
    void createsAProductWithSeveralPrices() {
        List<Price> prices = List.of(new Price("DEFAULT", "AUD", 49.95), new Price("SALE", "AUD", 39.95), new Price("DEFAULT", "NZD", 54.0));

        Reply created = send(worker, "create-product", CreateProduct.newBuilder().setCommandId(newId()).setCatalogueRef(CATALOGUE).setRef("MP-1")
                .setName("Coat").setGtin("0011").setPrices(prices).build());

        assertThat(created.getDetail()).isEqualTo(ReplyDetail.CREATED);
        assertThat(worker.fluent().product(CATALOGUE, "MP-1").orElseThrow().get("prices")).isEqualTo(List.of(
                Map.of("type", "DEFAULT", "currency", "AUD", "value", 49.95), Map.of("type", "SALE", "currency", "AUD", "value", 39.95),
                Map.of("type", "DEFAULT", "currency", "NZD", "value", 54.0)));
    }

    @Test
    void theDeprecatedSinglePriceIsADefaultPriceAheadOfPricesAndMayNotRepeatOne() {
        String conflicting = newId();

        Reply created = send(worker, "create-product", CreateProduct.newBuilder().setCommandId(newId()).setCatalogueRef(CATALOGUE).setRef("MP-2")
                .setName("Gloves").setGtin("0012").setPriceCurrency("USD").setPriceValue(20.0)
                .setPrices(List.of(new Price("SALE", "USD", 15.0))).build());
        Reply refused = send(worker, "create-product", CreateProduct.newBuilder().setCommandId(conflicting).setCatalogueRef(CATALOGUE).setRef("MP-3")
                .setName("Boots").setGtin("0013").setPriceCurrency("USD").setPriceValue(20.0)
                .setPrices(List.of(new Price("DEFAULT", "USD", 25.0))).build());

        assertThat(created.getDetail()).isEqualTo(ReplyDetail.CREATED);
        assertThat(worker.fluent().product(CATALOGUE, "MP-2").orElseThrow().get("prices")).isEqualTo(List.of(
                Map.of("type", "DEFAULT", "currency", "USD", "value", 20.0), Map.of("type", "SALE", "currency", "USD", "value", 15.0)));
        assertThat(refused.getStatus()).isEqualTo(ReplyStatus.FAILED);
        assertThat(refused.getError().getCategory()).isEqualTo(ErrorCategory.VALIDATION);
        assertThat(refused.getError().getMessage()).contains("priceCurrency gives a DEFAULT price in USD, as prices[0] does");
        assertThat(RunningWorker.header(worker.awaitDeadLetter("create-product", "dlt.command-id", conflicting), "dlt.error.stage"))
                .isEqualTo("validate");
        assertThat(worker.fluent().product(CATALOGUE, "MP-3")).isEmpty();
    }

    /** A producer still on the 0.1.0 schema: its command is read into the current CreateProduct, and its price kept. */
    @Test
    void createsTheProductAndItsPriceOfACommandWrittenWithTheReleased010Schema() throws IOException {
        Schema.Parser parser = new Schema.Parser();
        parser.parse(resource("avro-released/0.1.0/common/Attribute.avsc"));
        Schema released = parser.parse(resource("avro-released/0.1.0/CreateProduct.avsc"));
        String id = newId();
        GenericRecord command = new GenericRecordBuilder(released).set("commandId", id).set("catalogueRef", CATALOGUE).set("ref", "OLD-1")
                .set("name", "Old coat").set("gtin", "0014").set("priceCurrency", "AUD").set("priceValue", 99.0).build();
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), released).encode(command);
        byte[] value = new byte[encoded.remaining()];
        encoded.get(value);

        assertThat(released.getField("prices")).as("0.1.0 has no prices").isNull();
        worker.producer().sendRaw(worker.topic("create-product"), id, value, new RecordHeaders());
        Reply reply = worker.awaitReply(id);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        assertThat(reply.getDetail()).isEqualTo(ReplyDetail.CREATED);
        assertThat(worker.fluent().product(CATALOGUE, "OLD-1").orElseThrow())
                .containsEntry("name", "Old coat")
                .containsEntry("prices", List.of(Map.of("type", "DEFAULT", "currency", "AUD", "value", 99.0)));
    }

    @Test
    void createsAVariantUnderItsParentAndFindsItWhenItExists() {
        worker.fluent().addStandardProduct(CATALOGUE, "P-1", "Shirt", "0001");
        CreateVariantProduct.Builder variant = CreateVariantProduct.newBuilder().setCatalogueRef(CATALOGUE).setRef("P-1-BLUE")
                .setProductRef("P-1").setName("Shirt, blue").setGtin("0002")
                .setPrices(List.of(new Price("DEFAULT", "AUD", 49.95), new Price("DEFAULT", "NZD", 54.0)));

        Reply created = send(worker, "create-variant-product", variant.setCommandId(newId()).build());
        Reply again = send(worker, "create-variant-product", variant.setCommandId(newId()).build());

        assertThat(created.getCommandType()).isEqualTo(CommandType.CREATE_VARIANT_PRODUCT);
        assertThat(created.getDetail()).isEqualTo(ReplyDetail.CREATED);
        assertThat((ProductResult) created.getResult()).extracting(ProductResult::getRef, ProductResult::getType, ProductResult::getCatalogueRef)
                .containsExactly("P-1-BLUE", "VARIANT", CATALOGUE);
        Map<String, Object> stored = worker.fluent().variantProduct(CATALOGUE, "P-1-BLUE").orElseThrow();
        assertThat(((Map<?, ?>) stored.get("product")).get("ref")).isEqualTo("P-1");
        assertThat(stored.get("prices")).isEqualTo(List.of(Map.of("type", "DEFAULT", "currency", "AUD", "value", 49.95),
                Map.of("type", "DEFAULT", "currency", "NZD", "value", 54.0)));
        assertThat(again.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        assertThat(again.getDetail()).isEqualTo(ReplyDetail.ALREADY_EXISTS);
        assertThat(again.getAttempts()).as("the create refused as a duplicate, then the lookup").isEqualTo(2);
        assertThat(((ProductResult) again.getResult()).getId()).isEqualTo(((ProductResult) created.getResult()).getId());
    }

    @Test
    void failsAVariantWhoseParentDoesNotExist() {
        String id = newId();

        Reply reply = send(worker, "create-variant-product", CreateVariantProduct.newBuilder().setCommandId(id).setCatalogueRef(CATALOGUE)
                .setRef("ORPHAN").setProductRef("NO-SUCH-PARENT").setName("Orphan").setGtin("0003").build());

        assertFailedByFluent(worker, "create-variant-product", reply, id, "C0120E");
        assertThat(worker.fluent().variantProduct(CATALOGUE, "ORPHAN")).isEmpty();
    }

    @Test
    void createsProductWithDefaultPrice() {
        String id = newId();
        worker.producer().send(worker.topic("create-product"), "SKU-1", CreateProduct.newBuilder()
                .setCommandId(id).setCatalogueRef("PC:MASTER:1").setRef("SKU-1").setName("Shirt").setGtin("0123456789012")
                .setPriceCurrency("AUD").setPriceValue(49.95).build());

        Reply reply = worker.awaitReply(id);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        assertThat(reply.getDetail()).isEqualTo(ReplyDetail.CREATED);
        ProductResult product = (ProductResult) reply.getResult();
        assertThat(product.getRef()).isEqualTo("SKU-1");
        assertThat(product.getCatalogueRef()).isEqualTo("PC:MASTER:1");
        assertThat(product.getType()).isEqualTo("STANDARD");
        @SuppressWarnings("unchecked")
        Map<String, Object> input = (Map<String, Object>) worker.lastGraphQl("createStandardProduct").variables().get("input");
        assertThat(input).containsEntry("catalogue", Map.of("ref", "PC:MASTER:1")).containsEntry("gtin", "0123456789012");
        assertThat(input.get("prices")).isEqualTo(List.of(Map.of("type", "DEFAULT", "currency", "AUD", "value", 49.95)));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ProductCreationIT.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
