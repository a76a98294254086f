package io.fluentkafka.worker;

import io.fluentkafka.worker.avro.ErrorCategory;
import io.fluentkafka.worker.avro.GetCurrentUser;
import io.fluentkafka.worker.avro.GraphQlRequest;
import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.support.CommandMix;
import io.fluentkafka.worker.support.RunningWorker;
import io.fluentkafka.worker.support.kafka.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Step 2's guarantees that one in-process worker can show on a real broker with the Fluent simulator: a Fluent
 * outage is waited out, a fault mix loses nothing, a reply topic that does not exist holds the offset until it
 * does, a dead consumer thread shows on liveness, and a command waiting for its connection holds up no other key. The crash, SIGTERM, broker-restart and heap guarantees
 * need separate processes: see {@code WorkerProcessIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveryGuaranteesIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningWorker worker;

    @BeforeAll
    static void start() {
        worker = RunningWorker.start("guarantees", Map.of(
                // the fault mix fails about 17% of calls: with the default 5 attempts a command used them all up with
                // probability 0.17^5, 1.4e-4, about one run in 25 over 300 commands (it happened); with 10, 2e-8
                "worker.retry.max-attempts", "10",
                "worker.outage.probe-initial-delay", "500ms",
                "worker.outage.probe-max-delay", "2s",
                "kafka.producers.fluent-kafka-worker.max.block.ms", "2000"));
    }

    @AfterAll
    static void stop() throws Exception {
        worker.close();
    }

    @AfterEach
    void clearFaults() {
        worker.fluent().faultRates(0, 0, 0, Duration.ZERO);
        worker.fluent().outage(false);
    }

    @Test
    @Order(1)
    void waitsOutAFluentOutageThenCompletesEveryCommandWithoutDeadLetters() throws Exception {
        String run = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        int count = 60;
        worker.fluent().outage(true);
        long outageStarted = System.nanoTime();
        for (int n = 0; n < count; n++) {
            CommandMix.Sent sent = CommandMix.valid(run, n, count);
            worker.producer().sendLater(worker.topic(sent.command()), sent.key(), sent.record());
        }
        worker.producer().flush();

        HttpResponse<String> duringOutage = await().atMost(Duration.ofSeconds(20))
                .until(() -> get("/health/readiness"), response -> response.statusCode() == 503);
        assertThat(duringOutage.body()).contains("\"fluent\"").contains("DOWN").contains("\"default\"");
        assertThat(get("/health/liveness").statusCode()).isEqualTo(200);
        Duration remaining = Duration.ofSeconds(30).minusNanos(System.nanoTime() - outageStarted);
        await().during(remaining).atMost(remaining.plusSeconds(5)) // for the rest of the 30 s, nothing replies or is dead-lettered
                .until(() -> repliesOf(run).isEmpty() && deadLettersOf(run).isEmpty());

        worker.fluent().outage(false);
        long recovered = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).until(() -> repliesOf(run).size() >= count);
        long recoveryMs = (System.nanoTime() - recovered) / 1_000_000;

        assertThat(repliesOf(run)).hasSize(count).allSatisfy(reply -> assertThat(reply.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED));
        assertThat(deadLettersOf(run)).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/health/readiness").statusCode() == 200);
        System.out.printf("GUARANTEE outage: %d commands through a 30 s outage, 0 dead letters, all replied %d ms after Fluent came back%n",
                count, recoveryMs);
    }

    @Test
    @Order(2)
    void succeedsEveryValidCommandUnderAFaultMixAndDeadLettersOnlyInvalidOnes() {
        String run = "faults-" + UUID.randomUUID().toString().substring(0, 8);
        int valid = 300;
        int invalid = 10;
        worker.fluent().tokenLifetime(Duration.ofSeconds(5));
        worker.fluent().expireAllTokens(); // from now on every token lives 5 s
        int tokensBefore = worker.fluent().tokenRequests().size();
        // 10% 503, 5% 429 with Retry-After: 1, 2% held past the worker's 2 s request timeout
        worker.fluent().faultRates(0.10, 0.05, 0.02, Duration.ofSeconds(3));
        Set<String> invalidIds = ConcurrentHashMap.newKeySet();
        long started = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        pacer.scheduleAtFixedRate(() -> { // one every 25 ms, about 8 s in all, so that tokens expire (and are renewed) mid-stream
            int n = next.get();
            if (n < valid + invalid) {
                CommandMix.Sent sent = n % 31 == 30 ? CommandMix.invalid(run, n) : CommandMix.valid(run, n, 100);
                if (n % 31 == 30) {
                    invalidIds.add(sent.commandId());
                }
                worker.producer().sendLater(worker.topic(sent.command()), sent.key(), sent.record());
                next.incrementAndGet();
            }
        }, 0, 25, TimeUnit.MILLISECONDS);
        await().atMost(Duration.ofSeconds(60)).until(() -> next.get() >= valid + invalid);
        pacer.shutdownNow();
        worker.producer().flush();

        await().atMost(Duration.ofSeconds(120)).until(() -> repliesOf(run).size() >= valid + invalid);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        List<Reply> replies = repliesOf(run);
        assertThat(replies).hasSize(valid + invalid);
        Map<Boolean, List<Reply>> byValidity = replies.stream().collect(Collectors.partitioningBy(r -> !invalidIds.contains(r.getCommandId())));
        assertThat(byValidity.get(true)).allSatisfy(reply -> assertThat(reply.getStatus()).as(reply.toString()).isEqualTo(ReplyStatus.SUCCEEDED));
        assertThat(byValidity.get(false)).hasSize(invalidIds.size())
                .allSatisfy(reply -> assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.VALIDATION));
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLettersOf(run).size() >= invalidIds.size());
        assertThat(deadLettersOf(run)).containsExactlyInAnyOrderElementsOf(invalidIds);
        int tokens = worker.fluent().tokenRequests().size() - tokensBefore;
        assertThat(tokens).as("tokens renewed as they expired").isGreaterThan(1);
        int retried = (int) replies.stream().filter(r -> r.getAttempts() > 1).count();
        System.out.printf("GUARANTEE fault mix: %d valid commands all SUCCEEDED (%d needed retries), %d invalid dead-lettered, "
                        + "%d token requests, %d ms%n", valid, retried, invalidIds.size(), tokens, elapsedMs);
        worker.fluent().tokenLifetime(Duration.ofHours(1));
    }

    @Test
    @Order(3)
    void holdsTheOffsetOfACommandWhoseReplyTopicIsMissingAndRepliesOnceItExists() throws Exception {
        String missing = worker.topic("late-" + UUID.randomUUID().toString().substring(0, 8) + "-replies"); // allowed: *-replies
        String stuckId = "late-" + UUID.randomUUID();
        String topic = worker.topic("get-current-user");
        RecordMetadata stuck = worker.producer().send(topic, "late", GetCurrentUser.newBuilder().setCommandId(stuckId).build(),
                Map.of("kafka_replyTopic", missing));
        TopicPartition partition = new TopicPartition(topic, stuck.partition());
        List<String> followers = new ArrayList<>();
        for (int n = 0; n < 9; n++) {
            String id = "after-late-" + UUID.randomUUID();
            RecordMetadata sent = worker.producer().send(topic, "other-" + n, GetCurrentUser.newBuilder().setCommandId(id).build(), Map.of());
            if (sent.partition() == stuck.partition()) {
                followers.add(id);
            }
        }
        assertThat(followers).as("some followers share the stuck command's partition").isNotEmpty();

        followers.forEach(worker::awaitReply); // other keys are not held up, while the reply keeps failing for a few attempts
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).until(() -> committed(partition) <= stuck.offset());

        KafkaBroker.createTopics(missing);
        await().atMost(Duration.ofSeconds(30)).until(() -> !worker.records(missing).isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> committed(partition) > stuck.offset() + followers.size());
        assertThat(worker.records(missing)).hasSize(1);
        assertThat(RunningWorker.decode(worker.records(missing).get(0).value()).getCommandId()).isEqualTo(stuckId);
    }

    @Test
    @Order(4)
    void repliesFailedWithoutTheResultWhenTheReplyIsTooLargeForItsTopic() throws Exception {
        String small = worker.topic("small-" + UUID.randomUUID().toString().substring(0, 8) + "-replies"); // allowed: *-replies
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(small, 1, (short) 1).configs(Map.of("max.message.bytes", "1000")))).all().get();
        }
        String id = "big-" + UUID.randomUUID();
        String good = "after-big-" + UUID.randomUUID();
        // the same user twelve times over: a result of about 2 KB, where the topic takes 1,000 bytes
        String bigResult = java.util.stream.IntStream.range(0, 12)
                .mapToObj(n -> "u" + n + ": me { id ref username primaryEmail firstName lastName type status }")
                .collect(Collectors.joining(" ", "query Big { ", " }"));
        worker.producer().send(worker.topic("graphql-request"), "big", GraphQlRequest.newBuilder().setCommandId(id)
                .setQuery(bigResult).build(), Map.of("kafka_replyTopic", small));
        worker.producer().send(worker.topic("graphql-request"), "big", GraphQlRequest.newBuilder().setCommandId(good).build(), Map.of());

        assertThat(worker.awaitReply(good).getStatus()).as("the command behind it").isEqualTo(ReplyStatus.SUCCEEDED);
        Reply replacement = await().atMost(Duration.ofSeconds(30)).until(() -> worker.records(small).stream()
                .map(r -> RunningWorker.decode(r.value())).filter(r -> r.getCommandId().equals(id)).findFirst(), java.util.Optional::isPresent).get();
        assertThat(replacement.getStatus()).isEqualTo(ReplyStatus.FAILED);
        assertThat(replacement.getResult()).isNull();
        assertThat(replacement.getError().getCategory()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(replacement.getError().getMessage()).startsWith("the command was performed (EXECUTED), but its reply is too large for " + small);
        assertThat(RunningWorker.header(worker.awaitDeadLetter("graphql-request", "dlt.command-id", id), "dlt.error.stage")).isEqualTo("reply");
    }

    @Test
    @Order(5)
    void livenessReportsAConsumerThreadThatDied() throws Exception {
        assertThat(get("/health/liveness").statusCode()).isEqualTo(200);
        Thread consumer = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("command-consumer"))
                .findFirst().orElseThrow();

        consumer.interrupt();

        HttpResponse<String> liveness = await().atMost(Duration.ofSeconds(10))
                .until(() -> get("/health/liveness"), response -> response.statusCode() == 503);
        assertThat(liveness.body()).contains("commandConsumer").contains("\"polling\":false");
    }

    /**
     * Runs last and on a worker of its own: with one place in flight, a command waiting for a connection that
     * refuses every call (first in back-off, then down) must hold no call permit while it waits, so every other command still completes; and
     * stopping cancels the waiting command instead of waiting the grace period out for it.
     */
    @Test
    @Order(6)
    void aCommandWaitingForItsConnectionHoldsUpNoOtherKey() throws Exception {
        int refusingPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            refusingPort = socket.getLocalPort(); // closed again: connecting is refused
        }
        String stuckId = "stuck-" + UUID.randomUUID();
        List<String> others = new ArrayList<>();
        long stopMs;
        try (RunningWorker onePlace = RunningWorker.start("one-place", Map.of(
                "worker.max-in-flight", "1",
                "worker.shutdown-grace-period", "30s",
                "fluent.connections.refusing.host", "http://127.0.0.1:" + refusingPort,
                "fluent.connections.refusing.username", "u",
                "fluent.connections.refusing.password", "p",
                "fluent.connections.refusing.client-id", "c",
                "fluent.connections.refusing.client-secret", "s"))) {
            String topic = onePlace.topic("get-current-user");
            onePlace.producer().send(topic, "stuck", GetCurrentUser.newBuilder().setCommandId(stuckId).setConnection("refusing").build(), Map.of());
            for (int n = 0; n < 30; n++) {
                String id = "other-" + n + "-" + UUID.randomUUID();
                others.add(id);
                onePlace.producer().sendLater(topic, "other-" + n, GetCurrentUser.newBuilder().setCommandId(id).build());
            }
            onePlace.producer().flush();

            others.forEach(id -> assertThat(onePlace.awaitReply(id).getStatus()).isEqualTo(ReplyStatus.SUCCEEDED));
            assertThat(onePlace.findReply(stuckId)).as("the command whose connection refuses every call").isEmpty();
            long stopping = System.nanoTime();
            onePlace.server().getApplicationContext().stop();
            stopMs = (System.nanoTime() - stopping) / 1_000_000;
        }
        assertThat(stopMs).as("stop did not wait out the 30 s grace period for the waiting command").isLessThan(15_000);
        System.out.printf("GUARANTEE waiting holds no permit: with worker.max-in-flight=1, 30 commands completed while one waited for a "
                + "connection that refused every call; stopping took %d ms%n", stopMs);
    }

    private static List<Reply> repliesOf(String run) {
        return worker.replyList().stream().filter(reply -> reply.getCommandId().startsWith(run + "-")).toList();
    }

    private static List<String> deadLettersOf(String run) {
        List<String> ids = new ArrayList<>();
        for (String command : RunningWorker.COMMANDS.split(",")) {
            worker.records(worker.topic(command) + ".dlt").stream().map(r -> RunningWorker.header(r, "dlt.command-id"))
                    .filter(id -> id != null && id.startsWith(run + "-")).forEach(ids::add);
        }
        return ids;
    }

    private static long committed(TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets("guarantees-worker").partitionsToOffsetAndMetadata().get().get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        URI uri = worker.server().getURL().toURI().resolve(path);
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
