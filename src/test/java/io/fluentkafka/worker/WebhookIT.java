package io.fluentkafka.worker;

import io.fluentkafka.worker.avro.FluentEvent;
import io.fluentkafka.worker.support.RunningWorker;
import io.fluentkafka.worker.support.fluent.WebhookPoster;
import io.fluentkafka.worker.support.fluent.WebhookSigner;
import io.fluentkafka.worker.support.kafka.KafkaBroker;
import io.fluentkafka.worker.support.logging.CapturedLogs;
import io.fluentkafka.worker.support.process.BrokerProcess;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fluent's webhooks, signed as Fluent signs them, posted over real HTTP to a worker on a real broker: verified events
 * arrive once on their topic as FluentEvent with CloudEvents headers; everything else is refused and publishes
 * nothing. The worker is configured through the environment variables the Helm chart sets, mid-rotation: its key is
 * {@code NEXT}, its previous key {@code FLUENT}'s.
 */
class WebhookIT {

    private static final String PREFIX = "webhook-it";
    private static final String EVENTS = PREFIX + ".events";
    private static final String RETURNS = PREFIX + ".returns";
    private static final String FULFILMENTS = PREFIX + ".fulfilments";
    /** A topic whose max.message.bytes only small events fit: Kafka refuses larger ones for good. */
    private static final String TINY = PREFIX + ".tiny";
    private static final String PATH = "/hooks/fluent";
    private static final WebhookSigner FLUENT = WebhookSigner.shared();
    private static final WebhookSigner NEXT = WebhookSigner.generate();

    private static RunningWorker worker;
    private static WebhookPoster poster;

    @BeforeAll
    static void start() {
        KafkaBroker.createTopics(EVENTS, RETURNS, FULFILMENTS);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TINY, 1, (short) 1).configs(Map.of("max.message.bytes", "4096")))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> overrides = Map.of(
                "worker.webhooks.routes.names.ReturnRequested", RETURNS,
                "worker.webhooks.routes.names.BigEvent", TINY,
                "worker.webhooks.routes.entity-types.FULFILMENT", FULFILMENTS);
        Map<String, Object> environment = environment(EVENTS);
        environment.put("WORKER_WEBHOOKS_READ_TIMEOUT", "5s");
        worker = RunningWorker.startOn(KafkaBroker.bootstrapServers(), PREFIX, overrides, environment);
        poster = new WebhookPoster(URI.create(worker.server().getURL() + PATH));
    }

    @AfterAll
    static void stop() throws Exception {
        worker.close();
    }

    @Test
    void aSignedWebhookArrivesOnceAsAFluentEventWithCloudEventsHeaders() throws IOException {
        String id = WebhookPoster.newId();
        Instant before = Instant.now().minusMillis(1);

        HttpResponse<String> response = poster.post(WebhookPoster.event(id, "HD_" + id), FLUENT);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        ConsumerRecord<byte[], byte[]> record = awaitOne(EVENTS, id);
        FluentEvent event = FluentEvent.getDecoder().decode(record.value());
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("HD_" + id);
        assertThat(event.getId()).isEqualTo(id);
        assertThat(event.getName()).isEqualTo("OrderStatus");
        assertThat(event.getAccountId()).isEqualTo("ACME");
        assertThat(event.getRetailerId()).isEqualTo("1");
        assertThat(event.getEntityType()).isEqualTo("ORDER");
        assertThat(event.getEntityStatus()).isEqualTo("COMPLETE");
        assertThat(event.getRootEntityRef()).isEqualTo("HD_" + id);
        assertThat(event.getAttributes()).isEqualTo("{\"note\":\"x\"}");
        assertThat(event.getReceivedAt()).isBetween(before, Instant.now());
        assertThat(RunningWorker.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(RunningWorker.header(record, "ce_id")).isEqualTo(id);
        assertThat(RunningWorker.header(record, "ce_type")).isEqualTo("OrderStatus");
        assertThat(RunningWorker.header(record, "ce_source")).isEqualTo("fluent://ACME");
        assertThat(Instant.parse(RunningWorker.header(record, "ce_time"))).isEqualTo(event.getReceivedAt());
        assertThat(RunningWorker.header(record, "content-type")).isEqualTo("application/avro");
    }

    @Test
    void routesByEventNameBeforeEntityType() {
        String returned = WebhookPoster.newId();
        String fulfilment = WebhookPoster.newId();
        post(WebhookPoster.event(returned, "R1").replace("OrderStatus", "ReturnRequested").replace("\"ORDER\"", "\"FULFILMENT\""), FLUENT);
        post(WebhookPoster.event(fulfilment, "F1").replace("\"entityType\":\"ORDER\"", "\"entityType\":\"FULFILMENT\""), FLUENT);

        awaitOne(RETURNS, returned);
        awaitOne(FULFILMENTS, fulfilment);
    }

    @Test
    void refusesWith401AndPublishesNothingWithoutAValidSignature() {
        MeterRegistry meters = worker.server().getApplicationContext().getBean(MeterRegistry.class);
        double invalidBefore = rejected(meters, "invalid_signature");
        String tampered = WebhookPoster.newId();
        String wrongKey = WebhookPoster.newId();
        String unsigned = WebhookPoster.newId();
        String md5Only = WebhookPoster.newId();
        byte[] original = WebhookPoster.event(tampered, "HD_1").getBytes(StandardCharsets.UTF_8);
        byte[] changed = WebhookPoster.event(tampered, "HD_2").getBytes(StandardCharsets.UTF_8);
        byte[] md5Body = bytes(WebhookPoster.event(md5Only, "HD_1"));

        List<HttpResponse<String>> responses = List.of(
                poster.post(changed, Map.of("fluent-signature", FLUENT.sha512(original))),
                poster.post(WebhookPoster.event(wrongKey, "HD_1"), WebhookSigner.generate()),
                poster.post(bytes(WebhookPoster.event(unsigned, "HD_1")), Map.of()),
                poster.post(md5Body, Map.of("flex.signature", FLUENT.md5(md5Body))));

        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(401);
        String sentinel = WebhookPoster.newId();
        post(WebhookPoster.event(sentinel, "HD_1"), FLUENT);
        awaitOne(EVENTS, sentinel);
        assertThat(withIds(EVENTS, List.of(tampered, wrongKey, unsigned, md5Only))).isEmpty();
        assertThat(rejected(meters, "invalid_signature") - invalidBefore).isEqualTo(2);
        assertThat(rejected(meters, "missing_signature")).isGreaterThanOrEqualTo(1);
        assertThat(rejected(meters, "legacy_signature_disabled")).isGreaterThanOrEqualTo(1);
        assertThat(CapturedLogs.lines()).noneMatch(line -> line.contains(tampered) || line.contains(unsigned));
    }

    /** An empty POST is a webhook without a signature like any other: 401, counted, not Micronaut's 400. */
    @Test
    void anEmptyPostIsRefusedAsUnsigned() {
        MeterRegistry meters = worker.server().getApplicationContext().getBean(MeterRegistry.class);
        double before = rejected(meters, "missing_signature");

        HttpResponse<String> response = poster.post(new byte[0], Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(rejected(meters, "missing_signature") - before).isEqualTo(1);
    }

    /**
     * More clients than {@code max-concurrent} (64) send their headers and part of the body, then nothing: Fluent's
     * webhook is still answered 200 at once, and each of them 408 after the read timeout (5 s here).
     */
    @Test
    void slowClientsHoldNoPermitAndAreLetGoAfterTheReadTimeout() throws Exception {
        MeterRegistry meters = worker.server().getApplicationContext().getBean(MeterRegistry.class);
        double timedOutBefore = rejected(meters, "read_timeout");
        URI endpoint = URI.create(worker.server().getURL() + PATH);
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 70; i++) {
                Socket socket = new Socket(endpoint.getHost(), endpoint.getPort());
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(("POST " + PATH + " HTTP/1.1\r\nHost: " + endpoint.getHost() + "\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"id\":").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            Thread.sleep(500);
            String id = WebhookPoster.newId();
            long start = System.nanoTime();

            HttpResponse<String> response = poster.post(WebhookPoster.event(id, "HD_1"), FLUENT);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
            awaitOne(EVENTS, id);
            for (Socket socket : slow) {
                String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(status).isEqualTo("HTTP/1.1 408");
            }
            assertThat(rejected(meters, "read_timeout") - timedOutBefore).isEqualTo(slow.size());
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /** A chunked body (no Content-Length) over max-body-size is refused 413 once the bound is passed. */
    @Test
    void refusesAChunkedBodyOverTheBound() throws Exception {
        MeterRegistry meters = worker.server().getApplicationContext().getBean(MeterRegistry.class);
        double before = rejected(meters, "too_large");
        byte[] large = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(large, (byte) ' ');
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(URI.create(worker.server().getURL() + PATH))
                .header("fluent-signature", FLUENT.sha512(large))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(large))).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
        } catch (IOException e) {
            // the server may close the connection while the client is still sending: then only the metric tells
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> rejected(meters, "too_large") - before == 1);
    }

    /** A record Kafka refuses for good (over the topic's max.message.bytes) is 413, not a 503 Fluent retries in vain. */
    @Test
    void answers413WhenKafkaRefusesTheRecordAsTooLarge() {
        MeterRegistry meters = worker.server().getApplicationContext().getBean(MeterRegistry.class);
        double before = rejected(meters, "record_too_large");
        String id = WebhookPoster.newId();
        String big = WebhookPoster.event(id, "HD_1").replace("OrderStatus", "BigEvent").replace("\"x\"", "\"" + "x".repeat(20_000) + "\"");

        HttpResponse<String> response = poster.post(big, FLUENT);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(rejected(meters, "record_too_large") - before).isEqualTo(1);
        assertThat(CapturedLogs.lines()).anyMatch(line -> line.contains(id) && line.contains("record_too_large"));
        String small = WebhookPoster.newId();
        post(WebhookPoster.event(small, "HD_1").replace("OrderStatus", "BigEvent"), FLUENT);
        awaitOne(TINY, small);
    }

    @Test
    void eitherKeyOfTheRotationVerifiesUnderEverySpelling() {
        String byPrevious = WebhookPoster.newId();
        String byCurrent = WebhookPoster.newId();
        byte[] current = bytes(WebhookPoster.event(byCurrent, "HD_1"));

        post(WebhookPoster.event(byPrevious, "HD_1"), FLUENT);
        assertThat(poster.post(current, Map.of("x-fluent-signature", NEXT.sha512(current))).statusCode()).isEqualTo(200);

        awaitOne(EVENTS, byPrevious);
        awaitOne(EVENTS, byCurrent);
    }

    @Test
    void theSameEventPostedRepeatedlyOrConcurrentlyIsPublishedOnce() throws Exception {
        String repeated = WebhookPoster.newId();
        for (int i = 0; i < 3; i++) {
            post(WebhookPoster.event(repeated, "HD_1"), FLUENT);
        }
        String concurrent = WebhookPoster.newId();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> posts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                posts.add(clients.submit(() -> poster.post(WebhookPoster.event(concurrent, "HD_1"), FLUENT)));
            }
            for (Future<HttpResponse<String>> post : posts) {
                assertThat(post.get().statusCode()).isEqualTo(200);
            }
        } finally {
            clients.shutdown();
        }

        awaitOne(EVENTS, repeated);
        awaitOne(EVENTS, concurrent);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> withIds(EVENTS, List.of(repeated, concurrent)).size() == 2);
    }

    @Test
    void refusesTooLargeAndMalformedBodiesNamingTheMissingField() {
        byte[] large = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(large, (byte) ' ');
        HttpResponse<String> tooLarge = poster.post(large, Map.of("fluent-signature", FLUENT.sha512(large)));
        HttpResponse<String> notJson = poster.post("{\"id\": ", FLUENT);
        HttpResponse<String> noRetailer = poster.post("{\"id\":\"" + WebhookPoster.newId() + "\",\"name\":\"OrderStatus\"}", FLUENT);

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("not JSON");
        assertThat(noRetailer.statusCode()).isEqualTo(400);
        assertThat(noRetailer.body()).contains("retailerId");
    }

    @Test
    void publishesEveryOneOfManyConcurrentWebhooksExactlyOnce() throws Exception {
        int total = 2_000;
        int clients = 32;
        List<String> ids = IntStream.range(0, total).mapToObj(i -> WebhookPoster.newId()).toList();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<Integer>> posts = new ArrayList<>();
            for (String id : ids) {
                posts.add(pool.submit(() -> {
                    long sent = System.nanoTime();
                    int status = poster.post(WebhookPoster.event(id, "HD_" + id.substring(0, 4)), FLUENT).statusCode();
                    latencies.add(System.nanoTime() - sent);
                    return status;
                }));
            }
            for (Future<Integer> post : posts) {
                assertThat(post.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = latencies.stream().sorted().toList();
        System.out.printf("webhooks: %d signed webhooks from %d clients in %.2f s: %.0f/s, p50 %.1f ms, p99 %.1f ms%n", total, clients,
                seconds, total / seconds, sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1e6);

        await().atMost(Duration.ofSeconds(60)).until(() -> withIds(EVENTS, ids).size() >= total);
        Map<String, Long> counts = withIds(EVENTS, ids).stream()
                .collect(Collectors.groupingBy(r -> RunningWorker.header(r, "ce_id"), Collectors.counting()));
        assertThat(counts).hasSize(total);
        assertThat(counts.values()).containsOnly(1L);
    }

    /** The broker stops: 503, never 200; once it is back, Fluent's retry is answered 200 and the event is on the topic once. */
    @Test
    void answers503WhileKafkaIsDownAndPublishesTheRetryOnceItIsBack(@TempDir Path brokerData) throws Exception {
        try (BrokerProcess broker = BrokerProcess.start(brokerData, false)) {
            String prefix = "webhook-down";
            KafkaBroker.createTopicsOn(broker.bootstrapServers(), prefix + ".events");
            Map<String, Object> environment = environment(prefix + ".events");
            environment.put("WORKER_WEBHOOKS_PUBLISH_TIMEOUT", "2s");
            environment.put("WORKER_WEBHOOKS_MAX_CONCURRENT", "1");
            try (RunningWorker down = RunningWorker.startOn(broker.bootstrapServers(), prefix, Map.of(), environment)) {
                WebhookPoster toDown = new WebhookPoster(URI.create(down.server().getURL() + PATH));
                String warmUp = WebhookPoster.newId();
                assertThat(toDown.post(WebhookPoster.event(warmUp, "HD_1"), FLUENT).statusCode()).isEqualTo(200);

                broker.stop();
                // the one permit held by a publish that waits for the stopped broker: another webhook is busy
                CompletableFuture<HttpResponse<String>> holding = CompletableFuture.supplyAsync(
                        () -> toDown.post(WebhookPoster.event(WebhookPoster.newId(), "HD_8"), FLUENT));
                Thread.sleep(700);
                HttpResponse<String> busy = toDown.post(WebhookPoster.event(WebhookPoster.newId(), "HD_7"), FLUENT);
                assertThat(busy.statusCode()).isEqualTo(503);
                assertThat(busy.body()).contains("too many webhooks in progress");
                assertThat(holding.get().statusCode()).isEqualTo(503);
                assertThat(holding.get().body()).contains("Kafka did not take the event");
                String id = WebhookPoster.newId();
                String body = WebhookPoster.event(id, "HD_9");
                assertThat(toDown.post(body, FLUENT).statusCode()).isEqualTo(503);
                assertThat(toDown.post(body, FLUENT).statusCode()).isEqualTo(503);

                broker.restart();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> toDown.post(body, FLUENT).statusCode(), status -> status == 200);
                await().atMost(Duration.ofSeconds(30)).until(() -> withIds(down, prefix + ".events", List.of(id)).size() == 1);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                        .until(() -> withIds(down, prefix + ".events", List.of(id)).size() == 1);
            }
        }
    }

    /** As the Helm chart configures the worker: {@code WORKER_WEBHOOKS_*} environment variables. */
    private static Map<String, Object> environment(String topic) {
        Map<String, Object> environment = new HashMap<>();
        environment.put("WORKER_WEBHOOKS_ENABLED", "true");
        environment.put("WORKER_WEBHOOKS_PATH", PATH);
        environment.put("WORKER_WEBHOOKS_PUBLIC_KEY", NEXT.publicKeyPem());
        environment.put("WORKER_WEBHOOKS_PREVIOUS_PUBLIC_KEY", FLUENT.publicKeyBase64());
        environment.put("WORKER_WEBHOOKS_TOPIC", topic);
        return environment;
    }

    private static void post(String body, WebhookSigner signer) {
        HttpResponse<String> response = poster.post(body, signer);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static double rejected(MeterRegistry meters, String reason) {
        var counter = meters.find("worker.webhooks.rejected").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static ConsumerRecord<byte[], byte[]> awaitOne(String topic, String id) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> withIds(topic, List.of(id)), found -> !found.isEmpty()).get(0);
    }

    private static List<ConsumerRecord<byte[], byte[]>> withIds(String topic, List<String> ids) {
        return withIds(worker, topic, ids);
    }

    private static List<ConsumerRecord<byte[], byte[]>> withIds(RunningWorker on, String topic, List<String> ids) {
        java.util.Set<String> wanted = new java.util.HashSet<>(ids);
        return on.records(topic).stream().filter(r -> wanted.contains(RunningWorker.header(r, "ce_id"))).toList();
    }
}
