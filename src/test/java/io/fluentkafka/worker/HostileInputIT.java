package io.fluentkafka.worker;

import io.fluentkafka.worker.avro.CreateCustomer;
import io.fluentkafka.worker.avro.CreateProduct;
import io.fluentkafka.worker.avro.CreateVariantProduct;
import io.fluentkafka.worker.avro.ErrorCategory;
import io.fluentkafka.worker.avro.GetCurrentUser;
import io.fluentkafka.worker.avro.GetCustomerByEmail;
import io.fluentkafka.worker.avro.GetProduct;
import io.fluentkafka.worker.avro.GraphQlRequest;
import io.fluentkafka.worker.avro.Price;
import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.avro.SendEvent;
import io.fluentkafka.worker.avro.UpdateCustomer;
import io.fluentkafka.worker.avro.UpdateInventory;
import io.fluentkafka.worker.avro.UpdateStandardProduct;
import io.fluentkafka.worker.avro.UpdateVariantProduct;
import io.fluentkafka.worker.avro.UpsertCustomer;
import io.fluentkafka.worker.avro.UpsertProduct;
import io.fluentkafka.worker.operation.OrderSamples;
import io.fluentkafka.worker.support.RunningWorker;
import io.fluentkafka.worker.support.kafka.CommandProducer;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Guarantee 6: hostile records mixed among good commands. Each hostile record is dead-lettered with a message that
 * names what is wrong (and, when it could be read, answered FAILED with the same message); the good command sent
 * right behind it on the same key still succeeds; and the consumer keeps consuming.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    private static final String CUSTOMERS = "create-customer";
    private static final String PRODUCTS = "create-product";
    private static final String GRAPHQL = "graphql-request";

    private static RunningWorker worker;

    @BeforeAll
    static void start() {
        worker = RunningWorker.start("hostile");
    }

    @AfterAll
    static void stop() throws Exception {
        worker.close();
    }

    static Stream<Arguments> unreadableValues() {
        byte[] random = new byte[64];
        new Random(6).nextBytes(random);
        random[0] = 0x42;
        byte[] customer = CommandProducer.encode(goodCommand(CUSTOMERS, "truncate-me"));
        byte[] fingerprint = new byte[8];
        new Random(66).nextBytes(fingerprint);
        byte[] unknownSchema = customer.clone();
        System.arraycopy(fingerprint, 0, unknownSchema, 2, 8);
        return Stream.of(
                Arguments.of("random bytes", random, "value is not Avro single-object encoding (it must start with C3 01 and an 8-byte schema fingerprint)"),
                Arguments.of("truncated Avro", Arrays.copyOf(customer, customer.length / 2),
                        "value is truncated or corrupt: the CreateCustomer body needs more than its " + (customer.length / 2 - 10) + " bytes"),
                Arguments.of("unknown schema fingerprint", unknownSchema, "unknown schema fingerprint " + HexFormat.of().formatHex(fingerprint)
                        + "; expected a CreateCustomer command (fingerprint " + HexFormat.of().formatHex(customer, 2, 10) + ")"),
                Arguments.of("another command's schema", CommandProducer.encode(GetCurrentUser.newBuilder().setCommandId(newId()).build()),
                        "value is a GetCurrentUser command, but this topic carries CreateCustomer commands"),
                Arguments.of("tombstone", null, "record has no value (a tombstone); expected a CreateCustomer command"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableValues")
    void deadLettersAnUnreadableValueAndGoesOnWithTheGoodCommandBehindIt(String name, byte[] hostile, String message) {
        String key = newId();

        sendWithGoodCommandBehind(CUSTOMERS, key, hostile);

        ConsumerRecord<byte[], byte[]> deadLetter = await().atMost(Duration.ofSeconds(30)).until(() -> worker.records(dlt(CUSTOMERS)).stream()
                .filter(r -> r.key() != null && key.equals(new String(r.key(), UTF_8))).findFirst(), Optional::isPresent).get();
        assertThat(RunningWorker.header(deadLetter, "dlt.error.category")).isEqualTo("UNDECODABLE");
        assertThat(RunningWorker.header(deadLetter, "dlt.error.stage")).isEqualTo("decode");
        assertThat(RunningWorker.header(deadLetter, "dlt.error.message")).isEqualTo(message);
        assertThat(RunningWorker.header(deadLetter, "dlt.command-id")).isNull();
        assertThat(deadLetter.value()).isEqualTo(hostile);
    }

    static Stream<Arguments> invalidCommands() {
        return Stream.of(
                Arguments.of("invalid email", CUSTOMERS, (Function<String, SpecificRecordBase>) id -> CreateCustomer.newBuilder()
                        .setCommandId(id).setPrimaryEmail("jane.example.com").setFirstName("Jane").build(),
                        "primaryEmail is not a valid email address: 'jane.example.com'"),
                Arguments.of("non-numeric retailerId", CUSTOMERS, (Function<String, SpecificRecordBase>) id -> CreateCustomer.newBuilder()
                        .setCommandId(id).setPrimaryEmail(id + "@example.com").setFirstName("Jane").setRetailerId("12a").build(),
                        "retailerId must be a number (digits only), got '12a'"),
                Arguments.of("NaN price", PRODUCTS, (Function<String, SpecificRecordBase>) id -> product(id).setPriceValue(Double.NaN).build(),
                        "priceValue must be a finite number, not NaN"),
                Arguments.of("negative price", PRODUCTS, (Function<String, SpecificRecordBase>) id -> product(id).setPriceValue(-0.01).build(),
                        "priceValue must not be negative, got -0.01"),
                Arguments.of("10,000-character name", PRODUCTS, (Function<String, SpecificRecordBase>) id -> product(id).setName("n".repeat(10_000)).build(),
                        "name is 10000 characters long; at most 255 are allowed"),
                Arguments.of("variables not a JSON object", GRAPHQL, (Function<String, SpecificRecordBase>) id -> GraphQlRequest.newBuilder()
                        .setCommandId(id).setVariables("[\"SKU-1\"]").build(),
                        "variables must be a JSON object, e.g. {\"ref\":\"SKU-1\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCommands")
    void failsAnInvalidCommandNamingTheFieldAndGoesOnWithTheGoodCommandBehindIt(String name, String command,
                                                                               Function<String, SpecificRecordBase> hostile, String message) {
        String id = newId();

        sendWithGoodCommandBehind(command, newId(), CommandProducer.encode(hostile.apply(id)));

        assertFailed(command, id, ErrorCategory.VALIDATION, message);
    }

    @Test
    void failsAMegabyteFirstNameWithoutEchoingIt() {
        String id = newId();
        byte[] hostile = CommandProducer.encode(CreateCustomer.newBuilder()
                .setCommandId(id).setPrimaryEmail(id + "@example.com").setFirstName("x".repeat(1_000_000)).build());

        sendWithGoodCommandBehind(CUSTOMERS, newId(), hostile);

        assertFailed(CUSTOMERS, id, ErrorCategory.VALIDATION, "firstName is 1000000 characters long; at most 50 are allowed");
        ConsumerRecord<byte[], byte[]> reply = worker.records(worker.replies()).stream()
                .filter(r -> RunningWorker.decode(r.value()).getCommandId().equals(id)).findFirst().orElseThrow();
        assertThat(reply.value().length).as("reply bytes").isLessThan(1024);
        ConsumerRecord<byte[], byte[]> deadLetter = worker.awaitDeadLetter(CUSTOMERS, "dlt.command-id", id);
        assertThat(StreamSupport.stream(deadLetter.headers().spliterator(), false).mapToInt(HostileInputIT::size).sum())
                .as("dead-letter header bytes").isLessThan(1024);
        assertThat(deadLetter.value()).as("the original value, unabridged").isEqualTo(hostile);
    }

    @Test
    void deadLettersACommandTooLargeToCopyWithoutItsValue() {
        String id = newId();
        // fits the command topic (about 1 MB) but not with the dead letter's headers added
        byte[] hostile = CommandProducer.encode(CreateCustomer.newBuilder()
                .setCommandId(id).setPrimaryEmail(id + "@example.com").setFirstName("x".repeat(1_048_300)).build());

        sendWithGoodCommandBehind(CUSTOMERS, newId(), hostile);

        assertFailed(CUSTOMERS, id, ErrorCategory.VALIDATION, "firstName is 1048300 characters long; at most 50 are allowed");
        ConsumerRecord<byte[], byte[]> deadLetter = worker.awaitDeadLetter(CUSTOMERS, "dlt.command-id", id);
        assertThat(deadLetter.value()).as("value left out").isNull();
        assertThat(RunningWorker.header(deadLetter, "dlt.value-omitted")).startsWith(hostile.length + " bytes, too large for ");
        assertThat(RunningWorker.header(deadLetter, "dlt.original.offset")).isNotBlank();
    }

    @Test
    void failsAGraphQlSyntaxErrorAsFluentRejectedWithoutRetrying() {
        String id = newId();

        sendWithGoodCommandBehind(GRAPHQL, newId(), CommandProducer.encode(GraphQlRequest.newBuilder()
                .setCommandId(id).setQuery("{ me { id username }").build()));

        Reply reply = worker.awaitReply(id);
        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.FAILED);
        assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.FLUENT_REJECTED);
        assertThat(reply.getError().getMessage()).startsWith("Fluent rejected the request: Invalid syntax");
        assertThat(reply.getAttempts()).isEqualTo(1);
        ConsumerRecord<byte[], byte[]> deadLetter = worker.awaitDeadLetter(GRAPHQL, "dlt.command-id", id);
        assertThat(RunningWorker.header(deadLetter, "dlt.error.category")).isEqualTo("FLUENT_REJECTED");
        assertThat(RunningWorker.header(deadLetter, "dlt.error.message")).isEqualTo(reply.getError().getMessage());
        assertThat(RunningWorker.header(deadLetter, "dlt.error.stage")).isEqualTo("fluent");
        assertThat(RunningWorker.header(deadLetter, "dlt.attempts")).isEqualTo("1");
    }

    @Test
    void acceptsANullKeyAndKeepsItOnTheReplyAndTheDeadLetter() {
        String bad = newId();
        String good = newId();
        worker.producer().send(worker.topic(CUSTOMERS), null, CreateCustomer.newBuilder()
                .setCommandId(bad).setPrimaryEmail("no key").setFirstName("Nokey").build());
        worker.producer().send(worker.topic(CUSTOMERS), null, goodCommand(CUSTOMERS, good));

        assertThat(worker.awaitReply(good).getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        assertFailed(CUSTOMERS, bad, ErrorCategory.VALIDATION, "primaryEmail is not a valid email address: 'no key'");
        assertThat(worker.awaitDeadLetter(CUSTOMERS, "dlt.command-id", bad).key()).isNull();
        assertThat(worker.records(worker.replies()).stream().filter(r -> RunningWorker.decode(r.value()).getCommandId().equals(good)))
                .singleElement().satisfies(r -> assertThat(r.key()).isNull());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void keepsConsumingEveryTopicAndDeadLettersEachHostileRecordOnce() {
        for (String command : RunningWorker.COMMANDS.split(",")) {
            String id = newId();
            worker.producer().send(worker.topic(command), newId(), goodCommand(command, id));
            assertThat(worker.awaitReply(id).getStatus()).as(command).isEqualTo(ReplyStatus.SUCCEEDED);
        }
        List<String> deadLettered = Arrays.stream(RunningWorker.COMMANDS.split(",")).flatMap(c -> worker.records(dlt(c)).stream())
                .map(r -> RunningWorker.header(r, "dlt.original.topic") + "-" + RunningWorker.header(r, "dlt.original.partition")
                        + "@" + RunningWorker.header(r, "dlt.original.offset"))
                .toList();
        assertThat(deadLettered).isNotEmpty().doesNotHaveDuplicates();
    }

    /** Sends the hostile value, then a good command on the same key (so the same partition, behind it), which must succeed. */
    private static void sendWithGoodCommandBehind(String command, String key, byte[] hostile) {
        worker.producer().sendRaw(worker.topic(command), key, hostile, new RecordHeaders());
        String good = newId();
        worker.producer().send(worker.topic(command), key, goodCommand(command, good));
        assertThat(worker.awaitReply(good).getStatus()).as("the good command behind the hostile one").isEqualTo(ReplyStatus.SUCCEEDED);
    }

    private static void assertFailed(String command, String id, ErrorCategory category, String message) {
        Reply reply = worker.awaitReply(id);
        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.FAILED);
        assertThat(reply.getError().getCategory()).isEqualTo(category);
        assertThat(reply.getError().getMessage()).isEqualTo(message);
        ConsumerRecord<byte[], byte[]> deadLetter = worker.awaitDeadLetter(command, "dlt.command-id", id);
        assertThat(RunningWorker.header(deadLetter, "dlt.error.category")).isEqualTo(category.name());
        assertThat(RunningWorker.header(deadLetter, "dlt.error.message")).isEqualTo(message);
    }

    private static SpecificRecordBase goodCommand(String command, String id) {
        return switch (command) {
            case CUSTOMERS -> CreateCustomer.newBuilder().setCommandId(id).setPrimaryEmail(id + "@example.com").setFirstName("Good").build();
            case PRODUCTS -> product(id).build();
            case GRAPHQL -> GraphQlRequest.newBuilder().setCommandId(id).build();
            case "get-current-user" -> GetCurrentUser.newBuilder().setCommandId(id).build();
            case "get-customer-by-email" -> GetCustomerByEmail.newBuilder().setCommandId(id).setPrimaryEmail(id + "@example.com").build();
            case "get-product" -> GetProduct.newBuilder().setCommandId(id).setCatalogueRef("PC:MASTER:1").setRef("SKU-" + id).build();
            case "update-customer" -> {
                worker.fluent().addCustomer(id, id + "@example.com", "Good"); // an update succeeds only on a customer that exists
                yield UpdateCustomer.newBuilder().setCommandId(id).setUsername(id).setLastName("Better").build();
            }
            case "upsert-customer" -> UpsertCustomer.newBuilder().setCommandId(id).setPrimaryEmail(id + "@example.com").setFirstName("Good").build();
            case "create-variant-product" -> CreateVariantProduct.newBuilder().setCommandId(id).setCatalogueRef("PC:MASTER:1")
                    .setRef("V-" + id).setName("Good").setGtin("0123456789012").setPrices(List.of(new Price("DEFAULT", "AUD", 9.95))).build();
            case "update-standard-product" -> {
                worker.fluent().addStandardProduct("PC:MASTER:1", "SKU-" + id, "Good", "0123456789012"); // an update needs the product
                yield UpdateStandardProduct.newBuilder().setCommandId(id).setCatalogueRef("PC:MASTER:1").setRef("SKU-" + id)
                        .setStatus("ACTIVE").build();
            }
            case "update-variant-product" -> {
                worker.fluent().addVariantProduct("PC:MASTER:1", "V-" + id, "Good", "0123456789012");
                yield UpdateVariantProduct.newBuilder().setCommandId(id).setCatalogueRef("PC:MASTER:1").setRef("V-" + id)
                        .setStatus("ACTIVE").build();
            }
            case "upsert-product" -> UpsertProduct.newBuilder().setCommandId(id).setCatalogueRef("PC:MASTER:1").setRef("SKU-" + id)
                    .setName("Good").setGtin("0123456789012").build();
            case "send-event" -> SendEvent.newBuilder().setCommandId(id).setName("CancelOrder").setEntityType("ORDER")
                    .setEntityRef("ON-" + id).build();
            case "create-order" -> {
                worker.fluent().addCustomer(id, id + "@example.com", "Good"); // an order's customer must exist
                yield OrderSamples.createOrder(id, "HD-" + id, id).build();
            }
            case "create-order-and-customer" -> OrderSamples.createOrderAndCustomer(id, "CC-" + id, id + "@example.com").build();
            case "update-order" -> {
                worker.fluent().addOrder("HD-" + id, "HD"); // an update succeeds only on an order that exists
                yield OrderSamples.updateOrder(id, "HD-" + id).build();
            }
            case "update-inventory" -> UpdateInventory.newBuilder().setCommandId(id).setLocationRef("L-" + id).setSkuRef("SKU-" + id)
                    .setQty(3).build();
            default -> throw new IllegalArgumentException(command);
        };
    }

    private static CreateProduct.Builder product(String id) {
        return CreateProduct.newBuilder().setCommandId(id).setCatalogueRef("PC:MASTER:1").setRef("SKU-" + id).setName("Good")
                .setGtin("0123456789012").setPriceCurrency("AUD").setPriceValue(9.95);
    }

    private static String dlt(String command) {
        return worker.topic(command) + ".dlt";
    }

    private static int size(Header header) {
        return header.key().length() + header.value().length;
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
