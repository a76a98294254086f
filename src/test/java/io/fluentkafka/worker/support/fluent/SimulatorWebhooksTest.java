package io.fluentkafka.worker.support.fluent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's webhooks about orders, posted over real HTTP to a receiver that checks both signatures with
 * {@link FluentSimulator#webhookPublicKey()} and answers what a test chose: payloads shaped like fluent-api.md section 8,
 * sent after the mutation's answer, retried on a failure as Fluent retries, and recorded.
 */
class SimulatorWebhooksTest extends SimulatorOverHttp {

    private static final String CREATE_ORDER = """
            mutation Create($input: CreateOrderInput) { createOrder(input: $input) { id ref status } }""";
    private static final String UPDATE_ORDER = """
            mutation Update($input: UpdateOrderInput) { updateOrder(input: $input) { id status } }""";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> answers = new ArrayDeque<>();

    record Received(Map<String, Object> event, boolean sha512Valid, boolean md5Valid) {
    }

    @BeforeEach
    void startReceiver() throws IOException {
        received.clear();
        synchronized (answers) {
            answers.clear();
        }
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        receiver.createContext("/webhooks/fluent", this::receive);
        receiver.start();
        fluent.postWebhooksTo(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/fluent"));
    }

    @AfterEach
    void stopReceiver() {
        fluent.postWebhooksTo(null);
        receiver.stop(0);
    }

    @Test
    void postsASignedOrderCreatedAfterCreateOrderThenAStatusChangeAfterUpdateOrder() throws Exception {
        String token = accessToken();
        String customerId = (String) fluent.addCustomer("jane", "jane@example.com", "Jane").orElseThrow().get("id");

        Reply created = graphQl(token, CREATE_ORDER, Map.of("input", order("HD_1", customerId)));
        String orderId = (String) created.at("data.createOrder.id");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        graphQl(token, UPDATE_ORDER, Map.of("input", Map.of("id", orderId, "status", "BOOKED")));
        graphQl(token, UPDATE_ORDER, Map.of("input", Map.of("id", orderId, "totalPrice", 10.0)));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);

        assertThat(received).allMatch(r -> r.sha512Valid() && r.md5Valid());
        Map<String, Object> event = received.get(0).event();
        assertThat(event.get("id").toString()).matches("[0-9a-f-]{36}");
        assertThat(event).containsEntry("name", "OrderCreated").containsEntry("accountId", account.clientId())
                .containsEntry("retailerId", account.retailerId()).containsEntry("entityId", orderId)
                .containsEntry("entityRef", "HD_1").containsEntry("entityType", "ORDER").containsEntry("entitySubtype", "HD")
                .containsEntry("entityStatus", "CREATED").containsEntry("type", "NORMAL").containsEntry("attributes", Map.of())
                .containsEntry("rootEntityId", orderId).containsEntry("rootEntityType", "ORDER").containsEntry("rootEntityRef", "HD_1")
                .containsKeys("meta", "trailLogs", "errorLogs");
        assertThat(received).extracting(r -> r.event().get("name")).containsExactly("OrderCreated", "OrderStatusChanged", "OrderUpdated");
        assertThat(received).extracting(r -> r.event().get("entityStatus")).containsExactly("CREATED", "BOOKED", "BOOKED");
        assertThat(fluent.webhookDeliveries()).extracting(WebhookDelivery::status).containsExactly(200, 200, 200);
    }

    @Test
    void retriesAFailedPostImmediatelyThenAfterEachDelayAndNoMore() throws Exception {
        fluent.webhookRetryDelays(Duration.ZERO, Duration.ofMillis(200), Duration.ofMillis(400));
        synchronized (answers) {
            answers.addAll(List.of(503, 500, 503, 502, 503));
        }
        String customerId = (String) fluent.addCustomer("ann", "ann@example.com", "Ann").orElseThrow().get("id");

        graphQl(accessToken(), CREATE_ORDER, Map.of("input", order("HD_2", customerId)));

        await().atMost(Duration.ofSeconds(10)).until(() -> fluent.webhookDeliveries().size() == 4);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> fluent.webhookDeliveries().size() == 4);
        assertThat(fluent.webhookDeliveries()).extracting(WebhookDelivery::attempt, WebhookDelivery::status)
                .containsExactly(tuple(1, 503), tuple(2, 500),
                        tuple(3, 503), tuple(4, 502));
        assertThat(received).extracting(r -> r.event().get("id")).containsOnly(fluent.webhookDeliveries().get(0).eventId());
    }

    @Test
    void aRetryDeliversAfterOneFailureAndAnUnreachableTargetIsRecordedWithoutAnswer() throws Exception {
        fluent.webhookRetryDelays(Duration.ZERO, Duration.ofMillis(200), Duration.ofMillis(400));
        synchronized (answers) {
            answers.add(503);
        }
        String customerId = (String) fluent.addCustomer("max", "max@example.com", "Max").orElseThrow().get("id");
        String token = accessToken();

        graphQl(token, CREATE_ORDER, Map.of("input", order("HD_3", customerId)));
        await().atMost(Duration.ofSeconds(10)).until(() -> fluent.webhookDeliveries().size() == 2);
        receiver.stop(0);
        graphQl(token, CREATE_ORDER, Map.of("input", order("HD_4", customerId)));
        await().atMost(Duration.ofSeconds(10)).until(() -> fluent.webhookDeliveries().size() == 6);

        assertThat(fluent.webhookDeliveries()).extracting(WebhookDelivery::entityRef, WebhookDelivery::status).containsExactly(
                tuple("HD_3", 503), tuple("HD_3", 200),
                tuple("HD_4", 0), tuple("HD_4", 0),
                tuple("HD_4", 0), tuple("HD_4", 0));
    }

    @Test
    void postsNothingForARefusedMutationNorWithoutATarget() throws Exception {
        String token = accessToken();
        graphQl(token, CREATE_ORDER, Map.of("input", order("HD_5", "999")));
        fluent.postWebhooksTo(null);
        String customerId = (String) fluent.addCustomer("olga", "olga@example.com", "Olga").orElseThrow().get("id");
        graphQl(token, CREATE_ORDER, Map.of("input", order("HD_6", customerId)));

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> fluent.webhookDeliveries().isEmpty());
        assertThat(fluent.order("HD_6")).isPresent();
        assertThat(received).isEmpty();
    }

    private Map<String, Object> order(String ref, String customerId) {
        return Map.of("ref", ref, "type", "HD", "retailer", Map.of("id", account.retailerId()), "customer", Map.of("id", customerId),
                "items", List.of(Map.of("ref", ref + "-1", "productRef", "SKU-1", "productCatalogueRef", "PC:MASTER:1",
                        "quantity", 1, "price", 10.0, "paidPrice", 10.0, "totalPrice", 10.0, "currency", "AUD")));
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String sha512 = exchange.getRequestHeaders().getFirst("fluent-signature");
        String md5 = exchange.getRequestHeaders().getFirst("flex.signature");
        received.add(new Received(JSON.readValue(body, new TypeReference<>() { }),
                verifies("SHA512withRSA", body, sha512), verifies("MD5withRSA", body, md5)));
        Integer status;
        synchronized (answers) {
            status = answers.poll();
        }
        exchange.sendResponseHeaders(status == null ? 200 : status, -1);
        exchange.close();
    }

    private boolean verifies(String algorithm, byte[] body, String signature) {
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(fluent.webhookPublicKey())));
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(body);
            return signature != null && verifier.verify(Base64.getDecoder().decode(signature));
        } catch (Exception e) {
            return false;
        }
    }
}
