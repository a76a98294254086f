package io.fluentkafka.worker;

import io.fluentkafka.worker.avro.FluentEvent;
import io.fluentkafka.worker.support.RunningWorker;
import io.fluentkafka.worker.support.fluent.WebhookPoster;
import io.fluentkafka.worker.support.fluent.WebhookSigner;
import io.fluentkafka.worker.support.kafka.KafkaBroker;
import io.fluentkafka.worker.support.logging.CapturedLogs;
import io.fluentkafka.worker.support.process.BrokerProcess;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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
    private static final String PATH = "/hooks/fluent";
    private static final WebhookSigner FLUENT = WebhookSigner.shared();
    private static final WebhookSigner NEXT = WebhookSigner.generate();

    private static RunningWorker worker;
    private static WebhookPoster poster;

    @BeforeAll
    static void start() {
        KafkaBroker.createTopics(EVENTS, RETURNS, FULFILMENTS);
        Map<String, Object> overrides = Map.of(
                "worker.webhooks.routes.names.ReturnRequested", RETURNS,
                "worker.webhooks.routes.entity-types.FULFILMENT", FULFILMENTS);
        worker = RunningWorker.startOn(KafkaBroker.bootstrapServers(), PREFIX, overrides, environment(EVENTS));
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
            try (RunningWorker down = RunningWorker.startOn(broker.bootstrapServers(), prefix, Map.of(), environment)) {
                WebhookPoster toDown = new WebhookPoster(URI.create(down.server().getURL() + PATH));
                String warmUp = WebhookPoster.newId();
                assertThat(toDown.post(WebhookPoster.event(warmUp, "HD_1"), FLUENT).statusCode()).isEqualTo(200);

                broker.stop();
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
