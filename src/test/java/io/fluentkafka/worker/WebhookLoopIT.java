package io.fluentkafka.worker;

import io.fluentkafka.worker.avro.FluentEvent;
import io.fluentkafka.worker.avro.ReplyDetail;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.operation.OrderSamples;
import io.fluentkafka.worker.support.RunningWorker;
import io.fluentkafka.worker.support.fluent.WebhookDelivery;
import io.fluentkafka.worker.support.kafka.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole loop on a real broker over real HTTP: a command, the worker's call to the Fluent simulator, the webhook the
 * simulator then posts (signed, retried as Fluent retries) to the worker's endpoint, and the FluentEvent on the events
 * topic. {@code OrderUpdated} events are routed to a topic created only once a test wants it, so that Kafka cannot take
 * them in time and the worker answers 503 until it exists.
 */
class WebhookLoopIT {

    private static final String PREFIX = "webhook-loop";
    private static final String UPDATES = PREFIX + ".updates";

    private static RunningWorker worker;

    @BeforeAll
    static void start() {
        worker = RunningWorker.startWithWebhooks(PREFIX, Map.of(
                "worker.webhooks.routes.names.OrderUpdated", UPDATES,
                "worker.webhooks.publish-timeout", "1s"));
    }

    @AfterAll
    static void stop() throws Exception {
        worker.close();
    }

    @Test
    void aCreatedThenBookedOrderArrivesAsTwoFluentEventsForItsRefInOrder() throws IOException {
        String username = id();
        worker.fluent().addCustomer(username, username + "@example.com", "Jane");
        String ref = "HD-" + id();
        String create = id();
        String update = id();

        worker.producer().send(worker.topic("create-order"), ref, OrderSamples.createOrder(create, ref, username).build());
        assertThat(worker.awaitReply(create).getDetail()).isEqualTo(ReplyDetail.CREATED);
        worker.producer().send(worker.topic("update-order"), ref, OrderSamples.updateOrder(update, ref).build());
        assertThat(worker.awaitReply(update).getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);

        List<ConsumerRecord<byte[], byte[]>> records = awaitEvents(worker.events(), ref, 2);
        List<FluentEvent> events = records.stream().map(WebhookLoopIT::decode).toList();
        assertThat(events).extracting(FluentEvent::getName).containsExactly("OrderCreated", "OrderStatusChanged");
        assertThat(events).extracting(FluentEvent::getEntityStatus).containsExactly("CREATED", "BOOKED");
        assertThat(events).extracting(FluentEvent::getEntityRef).containsOnly(ref);
        assertThat(events).extracting(FluentEvent::getEntityId).containsOnly((String) worker.fluent().order(ref).orElseThrow().get("id"));
        assertThat(events).extracting(FluentEvent::getAccountId).containsOnly(worker.fluent().account().clientId());
        assertThat(events).extracting(FluentEvent::getRetailerId).containsOnly(worker.fluent().account().retailerId());
        assertThat(records.get(0).partition()).isEqualTo(records.get(1).partition());
        assertThat(records.get(0).offset()).isLessThan(records.get(1).offset());
        for (int i = 0; i < 2; i++) {
            ConsumerRecord<byte[], byte[]> record = records.get(i);
            assertThat(RunningWorker.header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(RunningWorker.header(record, "ce_id")).isEqualTo(events.get(i).getId());
            assertThat(RunningWorker.header(record, "ce_type")).isEqualTo(events.get(i).getName());
            assertThat(RunningWorker.header(record, "ce_source")).isEqualTo("fluent://" + worker.fluent().account().clientId());
            assertThat(RunningWorker.header(record, "content-type")).isEqualTo("application/avro");
        }
        assertThat(deliveriesFor(ref)).extracting(WebhookDelivery::status).containsExactly(200, 200);
    }

    @Test
    void anOrderAndCustomerCreatedTogetherArrivesAsOrderCreated() throws IOException {
        String ref = "CC-" + id();
        String command = id();

        worker.producer().send(worker.topic("create-order-and-customer"), ref,
                OrderSamples.createOrderAndCustomer(command, ref, id() + "@example.com").build());
        assertThat(worker.awaitReply(command).getDetail()).isEqualTo(ReplyDetail.CREATED);

        FluentEvent event = decode(awaitEvents(worker.events(), ref, 1).get(0));
        assertThat(event.getName()).isEqualTo("OrderCreated");
        assertThat(event.getEntityStatus()).isEqualTo("CREATED");
    }

    /**
     * The worker answers 503 while Kafka cannot take the event (its topic does not exist yet); once it does, Fluent's
     * retry is answered 200 and the event is on the topic exactly once.
     */
    @Test
    void aWebhookAnswered503IsRetriedByFluentAndPublishedExactlyOnce() {
        String username = id();
        worker.fluent().addCustomer(username, username + "@example.com", "Max");
        String ref = "HD-" + id();
        String create = id();
        String update = id();
        worker.producer().send(worker.topic("create-order"), ref, OrderSamples.createOrder(create, ref, username).build());
        worker.awaitReply(create);

        worker.producer().send(worker.topic("update-order"), ref, OrderSamples.updateOrder(update, ref).setStatus(null).build());
        assertThat(worker.awaitReply(update).getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        await().atMost(Duration.ofSeconds(15)).until(() -> deliveriesFor(ref).stream()
                .anyMatch(d -> d.name().equals("OrderUpdated") && d.status() == 503));
        KafkaBroker.createTopics(UPDATES);

        await().atMost(Duration.ofSeconds(20)).until(() -> deliveriesFor(ref).stream()
                .anyMatch(d -> d.name().equals("OrderUpdated") && d.delivered()));
        List<WebhookDelivery> updated = deliveriesFor(ref).stream().filter(d -> d.name().equals("OrderUpdated")).toList();
        assertThat(updated).extracting(WebhookDelivery::eventId).containsOnly(updated.get(0).eventId());
        assertThat(updated.get(0).status()).isEqualTo(503);
        assertThat(updated.get(updated.size() - 1).status()).isEqualTo(200);
        assertThat(updated).hasSizeBetween(2, 4);
        List<ConsumerRecord<byte[], byte[]>> published = awaitEvents(UPDATES, ref, 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> withKey(UPDATES, ref).size() == 1);
        assertThat(RunningWorker.header(published.get(0), "ce_id")).isEqualTo(updated.get(0).eventId());
    }

    private static List<WebhookDelivery> deliveriesFor(String ref) {
        return worker.fluent().webhookDeliveries().stream().filter(d -> ref.equals(d.entityRef())).toList();
    }

    private static List<ConsumerRecord<byte[], byte[]>> awaitEvents(String topic, String key, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> withKey(topic, key), found -> found.size() >= count);
    }

    private static List<ConsumerRecord<byte[], byte[]>> withKey(String topic, String key) {
        return worker.records(topic).stream().filter(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8))).toList();
    }

    private static FluentEvent decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            return FluentEvent.getDecoder().decode(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
