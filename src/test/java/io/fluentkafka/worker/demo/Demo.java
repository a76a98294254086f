package io.fluentkafka.worker.demo;

import io.fluentkafka.worker.avro.CreateCustomer;
import io.fluentkafka.worker.avro.CreateProduct;
import io.fluentkafka.worker.avro.CreateVariantProduct;
import io.fluentkafka.worker.avro.FluentEvent;
import io.fluentkafka.worker.avro.GetCurrentUser;
import io.fluentkafka.worker.avro.GetCustomerByEmail;
import io.fluentkafka.worker.avro.GetProduct;
import io.fluentkafka.worker.avro.GraphQlRequest;
import io.fluentkafka.worker.avro.Price;
import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.SendEvent;
import io.fluentkafka.worker.avro.UpdateCustomer;
import io.fluentkafka.worker.avro.UpdateInventory;
import io.fluentkafka.worker.avro.UpdateStandardProduct;
import io.fluentkafka.worker.avro.UpdateVariantProduct;
import io.fluentkafka.worker.avro.UpsertCustomer;
import io.fluentkafka.worker.avro.UpsertProduct;
import io.fluentkafka.worker.operation.OrderSamples;
import io.fluentkafka.worker.messaging.AvroTrust;
import io.fluentkafka.worker.messaging.CommandTopics;
import io.fluentkafka.worker.operation.TestOperations;
import io.fluentkafka.worker.support.fluent.FluentSimulator;
import io.fluentkafka.worker.support.kafka.CommandProducer;
import io.fluentkafka.worker.support.kafka.KafkaBroker;
import io.fluentkafka.worker.support.kafka.TopicReader;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * The embedded default ({@code mvn -q -Pdemo}): a local Kafka broker, the Fluent simulator, and the worker with
 * its default topics, its webhook endpoint verifying the simulator's key, and the simulator posting its order webhooks
 * to it. Sends one command of each kind, prints every reply, dead letter and Fluent event (fluent.events) as it
 * arrives, then takes more commands from the keyboard.
 */
public final class Demo {

    /** The ids of the commands sent, to wait for their replies. */
    private static final Set<String> SENT = ConcurrentHashMap.newKeySet();
    private static final List<String> COMMAND_TOPICS = TestOperations.kinds().stream().map(CommandTopics::defaultTopic).toList();

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        AvroTrust.ensure();
        FluentSimulator fluent = FluentSimulator.start();
        String bootstrap = KafkaBroker.bootstrapServers();
        for (String topic : COMMAND_TOPICS) {
            KafkaBroker.createTopics(topic, topic + ".dlt");
        }
        KafkaBroker.createTopics("fluent.replies", "fluent.events");
        EmbeddedServer worker = ApplicationContext.run(EmbeddedServer.class, workerProperties(fluent, bootstrap));
        // Fluent's loop: the simulator posts its signed order webhooks to the worker, which publishes them on fluent.events
        fluent.postWebhooksTo(URI.create("http://localhost:" + worker.getPort() + "/webhooks/fluent"));
        TopicReader output = new TopicReader(Pattern.compile("fluent\\.replies|fluent\\.events|fluent\\..*\\.dlt"));
        Thread printer = new Thread(() -> printForever(output), "demo-printer");
        printer.setDaemon(true);
        printer.start();

        System.out.printf("%nfluent-kafka-worker is running%n  Kafka:  %s%n  Fluent: %s (simulator)%n  Health: http://localhost:%d/health%n"
                + "  Webhooks: http://localhost:%d/webhooks/fluent -> fluent.events%n%n",
                bootstrap, fluent.baseUrl(), worker.getPort(), worker.getPort());
        try (CommandProducer producer = new CommandProducer()) {
            sendSamples(producer, output);
            printHelp();
            readCommands(producer);
        }
        System.out.println("stdin closed; the worker keeps running. Press Ctrl-C to stop.");
        Thread.currentThread().join();
    }

    private static Map<String, Object> workerProperties(FluentSimulator fluent, String bootstrap) {
        Map<String, Object> p = new HashMap<>();
        p.put("kafka.bootstrap.servers", bootstrap);
        p.put("micronaut.server.port", System.getenv().getOrDefault("PORT", "8080"));
        p.put("fluent.connections.default.host", fluent.baseUrl().toString());
        p.put("fluent.connections.default.username", fluent.account().username());
        p.put("fluent.connections.default.password", fluent.account().password());
        p.put("fluent.connections.default.client-id", fluent.account().clientId());
        p.put("fluent.connections.default.client-secret", fluent.account().clientSecret());
        p.put("worker.webhooks.enabled", "true");
        p.put("worker.webhooks.public-key", fluent.webhookPublicKey());
        return p;
    }

    /** Sends the samples in three waves, each after the previous one's replies: topics are not ordered with each other. */
    private static void sendSamples(CommandProducer producer, TopicReader output) {
        System.out.println("Sending one sample command of each kind...");
        send(producer, "fluent.create-customer", "jane@example.com", CreateCustomer.newBuilder().setCommandId(id())
                .setPrimaryEmail("jane@example.com").setFirstName("Jane").setLastName("Doe").setCountry("AU").build());
        send(producer, "fluent.create-product", "SKU-1", CreateProduct.newBuilder().setCommandId(id()).setCatalogueRef("PC:MASTER:1")
                .setRef("SKU-1").setName("Linen shirt").setGtin("9300000000017")
                .setPrices(List.of(new Price("DEFAULT", "AUD", 49.95), new Price("DEFAULT", "NZD", 54.0))).build());
        send(producer, "fluent.graphql-request", "query-1", GraphQlRequest.newBuilder().setCommandId(id()).build());
        send(producer, "fluent.get-current-user", "me", GetCurrentUser.newBuilder().setCommandId(id()).build());
        send(producer, "fluent.upsert-customer", "max@example.com", UpsertCustomer.newBuilder().setCommandId(id())
                .setPrimaryEmail("max@example.com").setFirstName("Max").setCountry("NZ").build());
        send(producer, "fluent.upsert-product", "SKU-2", UpsertProduct.newBuilder().setCommandId(id()).setCatalogueRef("PC:MASTER:1")
                .setRef("SKU-2").setName("Linen trousers").setGtin("9300000000024")
                .setPrices(List.of(new Price("DEFAULT", "AUD", 89.95), new Price("DEFAULT", "NZD", 99.0))).build());
        send(producer, "fluent.send-event", "ON-1001", SendEvent.newBuilder().setCommandId(id()).setName("CancelOrder")
                .setEntityType("ORDER").setEntityRef("ON-1001").setRootEntityType("ORDER").setRootEntityRef("ON-1001")
                .setAttributes("{\"cancelReason\":\"Customer request\"}").build());
        awaitReplies(output); // the customer and the product exist: look them up, change them, order
        send(producer, "fluent.get-customer-by-email", "jane@example.com",
                GetCustomerByEmail.newBuilder().setCommandId(id()).setPrimaryEmail("jane@example.com").build());
        send(producer, "fluent.get-product", "SKU-1", getProduct("SKU-1"));
        send(producer, "fluent.update-customer", "jane@example.com", UpdateCustomer.newBuilder().setCommandId(id())
                .setUsername("jane@example.com").setPrimaryPhone("+61 2 5550 0000").setPromotionOptIn(true).build());
        send(producer, "fluent.create-variant-product", "SKU-1-BLUE", CreateVariantProduct.newBuilder().setCommandId(id())
                .setCatalogueRef("PC:MASTER:1").setRef("SKU-1-BLUE").setProductRef("SKU-1").setName("Linen shirt, blue")
                .setGtin("9300000000031").setPrices(List.of(new Price("DEFAULT", "AUD", 49.95))).build());
        send(producer, "fluent.update-standard-product", "SKU-1", UpdateStandardProduct.newBuilder().setCommandId(id())
                .setCatalogueRef("PC:MASTER:1").setRef("SKU-1").setStatus("ACTIVE")
                .setPrices(List.of(new Price("SALE", "AUD", 39.95))).build());
        send(producer, "fluent.create-order", "HD-1001", OrderSamples.createOrder(id(), "HD-1001", "jane@example.com").build());
        send(producer, "fluent.create-order-and-customer", "CC-1001",
                OrderSamples.createOrderAndCustomer(id(), "CC-1001", "ann@example.com").build());
        awaitReplies(output); // the variant and the order exist: change them; then stock
        send(producer, "fluent.update-variant-product", "SKU-1-BLUE", UpdateVariantProduct.newBuilder().setCommandId(id())
                .setCatalogueRef("PC:MASTER:1").setRef("SKU-1-BLUE").setStatus("ACTIVE").build());
        send(producer, "fluent.update-order", "HD-1001", OrderSamples.updateOrder(id(), "HD-1001").build());
        for (String sku : List.of("SKU-1", "SKU-2")) { // one inventory batch for both, after worker.inventory.linger
            send(producer, "fluent.update-inventory", "STORE-1/" + sku, UpdateInventory.newBuilder().setCommandId(id())
                    .setLocationRef("STORE-1").setSkuRef(sku).setQty(12).build());
        }
        awaitReplies(output);
    }

    /** Waits (up to a minute, then goes on) until every command sent so far has its reply. */
    private static void awaitReplies(TopicReader output) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!replied(output).containsAll(SENT) && System.nanoTime() < deadline) {
            pause();
        }
    }

    private static Set<String> replied(TopicReader output) {
        return output.records().stream().filter(r -> r.topic().equals("fluent.replies"))
                .map(r -> decode(r.value()).getCommandId()).collect(Collectors.toSet());
    }

    private static GetProduct getProduct(String ref) {
        return GetProduct.newBuilder().setCommandId(id()).setCatalogueRef("PC:MASTER:1").setRef(ref).build();
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void printHelp() {
        System.out.println("""

                Send more commands by typing one per line:
                  customer <email> <first name>     CreateCustomer
                  product <ref> <gtin> <name>       CreateProduct in catalogue PC:MASTER:1
                  graphql <query>                   GraphQlRequest, e.g. graphql { me { id ref } }
                  me                                GetCurrentUser
                  find <email>                      GetCustomerByEmail
                  lookup <ref>                      GetProduct in catalogue PC:MASTER:1
                Other producers can write Avro single-object encoded commands to the topics above (see README).
                """);
    }

    private static void readCommands(CommandProducer producer) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.trim().split("\\s+", 4);
            try {
                switch (words[0]) {
                    case "customer" -> send(producer, "fluent.create-customer", words[1], CreateCustomer.newBuilder().setCommandId(id())
                            .setPrimaryEmail(words[1]).setFirstName(words.length > 2 ? words[2] : "").build());
                    case "product" -> send(producer, "fluent.create-product", words[1], CreateProduct.newBuilder().setCommandId(id())
                            .setCatalogueRef("PC:MASTER:1").setRef(words[1]).setGtin(words[2]).setName(words.length > 3 ? words[3] : words[1]).build());
                    case "graphql" -> send(producer, "fluent.graphql-request", id(), GraphQlRequest.newBuilder().setCommandId(id())
                            .setQuery(line.trim().substring("graphql".length()).trim()).build());
                    case "me" -> send(producer, "fluent.get-current-user", "me", GetCurrentUser.newBuilder().setCommandId(id()).build());
                    case "find" -> send(producer, "fluent.get-customer-by-email", words[1], GetCustomerByEmail.newBuilder()
                            .setCommandId(id()).setPrimaryEmail(words[1]).build());
                    case "lookup" -> send(producer, "fluent.get-product", words[1], getProduct(words[1]));
                    case "" -> { }
                    default -> printHelp();
                }
            } catch (ArrayIndexOutOfBoundsException e) {
                printHelp();
            }
        }
    }

    private static void send(CommandProducer producer, String topic, String key, SpecificRecordBase command) {
        SENT.add((String) command.get("commandId"));
        producer.send(topic, key, command);
        System.out.printf("-> %-30s %s%n", topic, command);
    }

    private static void printForever(TopicReader output) {
        int printed = 0;
        while (true) {
            var records = output.records();
            for (ConsumerRecord<byte[], byte[]> record : records.subList(printed, records.size())) {
                if (record.topic().equals("fluent.events")) {
                    FluentEvent event = decodeEvent(record.value());
                    System.out.printf("<- %-30s %s %s %s%n", record.topic(), event.getName(),
                            new String(record.key(), StandardCharsets.UTF_8), event.getEntityStatus());
                } else if (record.topic().endsWith(".dlt")) {
                    var message = record.headers().lastHeader("dlt.error.message");
                    System.out.printf("<- %-30s dead letter: %s%n", record.topic(),
                            message == null ? "" : new String(message.value(), StandardCharsets.UTF_8));
                } else {
                    Reply reply = decode(record.value());
                    System.out.printf("<- %-30s %s %s/%s %s%n", record.topic(), reply.getCommandType(), reply.getStatus(), reply.getDetail(),
                            reply.getError() != null ? reply.getError() : reply.getResult());
                }
            }
            printed = records.size();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Reply decode(byte[] value) {
        try {
            return Reply.getDecoder().decode(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FluentEvent decodeEvent(byte[] value) {
        try {
            return FluentEvent.getDecoder().decode(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
