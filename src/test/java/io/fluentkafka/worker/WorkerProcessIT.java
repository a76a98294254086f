package io.fluentkafka.worker;

import io.fluentkafka.worker.avro.GetCurrentUser;
import io.fluentkafka.worker.avro.GraphQlRequest;
import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.messaging.AvroTrust;
import io.fluentkafka.worker.support.CommandMix;
import io.fluentkafka.worker.support.fluent.FluentSimulator;
import io.fluentkafka.worker.support.kafka.CommandProducer;
import io.fluentkafka.worker.support.kafka.KafkaBroker;
import io.fluentkafka.worker.support.process.BrokerProcess;
import io.fluentkafka.worker.support.process.Commits;
import io.fluentkafka.worker.support.process.ProcessExit;
import io.fluentkafka.worker.support.process.WorkerFleet;
import io.fluentkafka.worker.support.process.WorkerOutput;
import io.fluentkafka.worker.support.process.WorkerProcess;
import io.fluentkafka.worker.support.process.WorkerTopics;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The guarantees that need the worker as a process of its own, run from the built jar: SIGKILL mid-stream, SIGTERM
 * mid-stream and the stop's deadline, rebalances, a broker restart, and backlogs (200,000 commands; 1 MB records)
 * under a 256 MB heap. Each test prints a {@code GUARANTEE} line with what it observed.
 */
class WorkerProcessIT {

    /** Measured 35 MB with {@code worker.max-buffered} at its 2,000, 120 MB with it at 1,000,000 (no bound). */
    private static final long BACKLOG_LIVE_HEAP_BOUND = 80L << 20;
    /** Measured 131 MB with the byte bound, 197 MB (and an OutOfMemoryError) without. */
    private static final long LARGE_RECORDS_LIVE_HEAP_BOUND = 160L << 20;
    /** The Helm chart's collector, so that heap figures are those of a deployed worker. */
    private static final List<String> CHART_GC = List.of("-XX:+UseParallelGC");

    @TempDir
    Path logs;

    private FluentSimulator fluent;
    private WorkerFleet fleet;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void trustAvro() {
        AvroTrust.ensure();
    }

    @BeforeEach
    void startFleet() {
        fleet = new WorkerFleet(logs);
    }

    @AfterEach
    void stopEverything() throws Exception {
        List<String> leaks = fleet.closeAndFindLeaks(fluent);
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        if (fluent != null) {
            fluent.close();
        }
        assertThat(leaks).as("secrets in the worker processes' logs").isEmpty();
    }

    @Test
    void losesNothingWhenTheWorkerIsKilledMidStream() {
        String prefix = "crash-" + shortId();
        int count = 5_000;
        WorkerOutput output = prepare(KafkaBroker.bootstrapServers(), prefix, Duration.ofMillis(20), count, 1_000);

        WorkerProcess first = startWorker(KafkaBroker.bootstrapServers(), prefix, "256m", Map.of());
        await().atMost(Duration.ofSeconds(120)).until(() -> output.replies().size() >= 1_500);
        first.kill();
        int repliedBeforeKill = output.replies().size();
        Map<TopicPartition, OffsetAndMetadata> committedAtKill = committed(prefix);
        long restarted = System.nanoTime();
        WorkerProcess second = startWorker(KafkaBroker.bootstrapServers(), prefix, "256m", Map.of());
        await().atMost(Duration.ofSeconds(180)).until(() -> output.repliesByCommand().size() >= count);
        long recoveryMs = (System.nanoTime() - restarted) / 1_000_000;
        int skipped = second.recordsSkippedAsFinished();

        Map<String, List<Reply>> byCommand = output.repliesByCommand();
        assertThat(byCommand).hasSize(count);
        assertThat(byCommand.values()).allSatisfy(replies -> assertThat(replies).allSatisfy(
                reply -> assertThat(reply.getStatus()).as(reply.toString()).isEqualTo(ReplyStatus.SUCCEEDED)));
        assertThat(output.deadLetters()).isEmpty();
        assertThat(fluent.customerCount()).as("customers in Fluent, one per create-customer command").isEqualTo(count / 5);
        assertThat(fluent.productCount()).as("products in Fluent, one per create-product command").isEqualTo(count / 5);
        List<String> repeated = byCommand.entrySet().stream().filter(replies -> replies.getValue().size() > 1)
                .map(Map.Entry::getKey).toList();
        long duplicates = repeated.size();
        // The guarantee, independent of speed: nothing the last commit before the kill covered (below its offset, or
        // named finished in its metadata) is repeated. How many repeat is a figure (the replies of the last commit
        // interval before the kill, 70-339 of 5,000 seen), printed below and not asserted.
        assertThat(repeated).as("repeated commands that the commit at the kill had covered")
                .filteredOn(id -> Commits.coveredBy(committedAtKill, output.sent(id))).isEmpty();
        System.out.printf("GUARANTEE crash: %d commands, SIGKILL after %d replies, 0 missing, %d replied twice, "
                        + "%d skipped by the restarted worker as already finished (commit metadata), "
                        + "%d customers and %d products in Fluent (no duplicates), all done %d ms after the restart%n",
                count, repliedBeforeKill, duplicates, skipped, fluent.customerCount(), fluent.productCount(), recoveryMs);
    }

    @Test
    void drainsOnSigtermAndRepeatsNothingThatHadReplied() {
        String prefix = "sigterm-" + shortId();
        int count = 3_000;
        WorkerOutput output = prepare(KafkaBroker.bootstrapServers(), prefix, Duration.ofMillis(200), count, 3_000);

        Duration grace = Duration.ofSeconds(10);
        WorkerProcess first = startWorker(KafkaBroker.bootstrapServers(), prefix, "256m", Map.of("worker.shutdown-grace-period", grace.toSeconds() + "s"));
        await().atMost(Duration.ofSeconds(120)).until(() -> output.replies().size() >= 500);
        int callsBefore = fluent.graphQlRequests().size();
        fluent.hangNextGraphQl(20, Duration.ofMinutes(5)); // 20 commands that will not finish (request timeout 30 s)
        await().atMost(Duration.ofSeconds(30)).until(() -> fluent.graphQlRequests().size() >= callsBefore + 20);
        ProcessExit exit = first.terminate(Duration.ofSeconds(90));

        assertThat(exit.code()).as("exit code after SIGTERM").isIn(0, 143);
        assertThat(first.logText()).contains("stopping: ").contains("commands did not finish in time");
        assertThat(exit.took()).as("time from SIGTERM to exit, with calls to Fluent that never end").isLessThanOrEqualTo(grace);
        Set<String> repliedBeforeStop = settled(output).keySet();
        startWorker(KafkaBroker.bootstrapServers(), prefix, "256m", Map.of());
        await().atMost(Duration.ofSeconds(120)).until(() -> output.repliesByCommand().size() >= count);

        Map<String, List<Reply>> byCommand = output.repliesByCommand();
        assertThat(byCommand).hasSize(count);
        assertThat(repliedBeforeStop).allSatisfy(id -> assertThat(byCommand.get(id)).as("replies to " + id).hasSize(1));
        long duplicates = byCommand.values().stream().filter(replies -> replies.size() > 1).count();
        String drained = first.logText().lines().filter(line -> line.contains("stopping: ")).findFirst().orElse("");
        System.out.printf("GUARANTEE sigterm: %d commands, SIGTERM after %d replies with 20 calls to Fluent held, exited in %d ms "
                        + "(code %d, grace period %d s), %d replied twice after the restart; worker said: %s%n",
                count, repliedBeforeStop.size(), exit.took().toMillis(), exit.code(), grace.toSeconds(), duplicates,
                drained.substring(drained.indexOf("stopping: ")));
    }

    @Test
    void handsPartitionsToASecondWorkerWithoutLosingOrRepeatingWork() {
        String prefix = "rebalance-" + shortId();
        int count = 5_000;
        WorkerOutput output = prepare(KafkaBroker.bootstrapServers(), prefix, Duration.ofMillis(100), count, 1_000);
        // about 300 commands/s, so that the second worker joins while most of the backlog is still there
        Map<String, String> slower = Map.of("worker.max-in-flight", "32");

        WorkerProcess first = startWorker(KafkaBroker.bootstrapServers(), prefix, "256m", slower);
        await().atMost(Duration.ofSeconds(120)).until(() -> output.replies().size() >= 1_000);
        int repliedBeforeJoin = output.replies().size();
        WorkerProcess second = startWorker(KafkaBroker.bootstrapServers(), prefix, "256m", slower);
        await().atMost(Duration.ofSeconds(180)).until(() -> output.repliesByCommand().size() >= count);

        Map<String, List<Reply>> byCommand = output.repliesByCommand();
        assertThat(byCommand).hasSize(count);
        assertThat(output.deadLetters()).isEmpty();
        assertThat(second.logText()).as("the second worker got partitions").containsPattern("assigned \\[\\S");
        assertThat(first.isAlive()).isTrue();
        long duplicates = byCommand.values().stream().filter(replies -> replies.size() > 1).count();
        assertThat(duplicates).as("commands replied twice across the rebalance").isZero();
        System.out.printf("GUARANTEE rebalance: %d commands, a second worker joined after %d replies, 0 missing, %d replied twice%n",
                count, repliedBeforeJoin, duplicates);
    }

    /**
     * A partition whose committed offset sits below records that a previous owner finished keeps naming them in
     * every later commit, so that moving it again does not repeat them. Worker A finishes every record of six
     * partitions but the first, whose command waits for a Fluent connection that is down, and stops: it commits
     * offset 0 with the rest named as finished. Worker B takes over and fetches only that first record of each
     * partition (its share of {@code worker.max-buffered} is one record), still waiting for the connection. Worker C
     * joins: the rebalance moves some of those partitions from B, which commits them on the way out, to C, which
     * has the connection up. C must skip every record A finished.
     */
    @Test
    void repeatsNothingAPreviousOwnerFinishedWhenThePartitionMovesAgain() {
        String prefix = "handover-" + shortId();
        int partitions = 6;
        int perPartition = 40;
        String topic = prefix + ".get-current-user";
        WorkerTopics.create(KafkaBroker.bootstrapServers(), prefix, 1, Map.of("get-current-user", partitions));
        fluent = FluentSimulator.start();
        FluentSimulator down = FluentSimulator.start();
        closeables.add(down);
        down.outage(true);
        WorkerOutput output = output(KafkaBroker.bootstrapServers(), prefix);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBroker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int partition = 0; partition < partitions; partition++) {
                for (int n = 0; n <= perPartition; n++) {
                    String id = prefix + "-" + partition + "-" + n;
                    GetCurrentUser command = GetCurrentUser.newBuilder().setCommandId(id).setConnection(n == 0 ? "slow" : null).build();
                    producer.send(new ProducerRecord<>(topic, partition, id.getBytes(StandardCharsets.UTF_8), CommandProducer.encode(command)));
                }
            }
        }
        int finishedByA = partitions * perPartition;
        Map<String, String> slowIsDown = WorkerFleet.connection("slow", down);
        slowIsDown.put("worker.shutdown-grace-period", "2s");
        slowIsDown.put("worker.outage.probe-max-delay", "2s");

        WorkerProcess a = startWorker(KafkaBroker.bootstrapServers(), prefix, "256m", slowIsDown);
        await().atMost(Duration.ofSeconds(120)).until(() -> output.repliesByCommand().size() >= finishedByA);
        await().atMost(Duration.ofSeconds(30)).until(() -> committed(prefix).entrySet().stream()
                .filter(commit -> commit.getKey().topic().equals(topic) && commit.getValue().metadata().startsWith("fkw1:"))
                .count() == partitions);
        assertThat(a.terminate(Duration.ofSeconds(30)).code()).isIn(0, 143);

        Map<String, String> oneRecordPerPartition = new HashMap<>(slowIsDown);
        oneRecordPerPartition.put("worker.max-in-flight", "4");
        oneRecordPerPartition.put("worker.max-buffered", "10"); // 10 partitions assigned: a share of one record each
        WorkerProcess b = startWorker(KafkaBroker.bootstrapServers(), prefix, "256m", oneRecordPerPartition);
        await().atMost(Duration.ofSeconds(60)).until(() -> unfinished(b) == partitions);

        Map<String, String> slowIsUp = WorkerFleet.connection("slow", fluent);
        WorkerProcess c = startWorker(KafkaBroker.bootstrapServers(), prefix, "256m", slowIsUp);
        await().atMost(Duration.ofSeconds(60)).until(() -> c.logText().contains("assigned [" + prefix));
        settled(output);
        down.outage(false); // B's first records can finish now
        await().atMost(Duration.ofSeconds(60)).until(() -> output.repliesByCommand().size() >= finishedByA + partitions);
        Map<String, List<Reply>> byCommand = settled(output);

        int skippedByC = c.recordsSkippedAsFinished();
        long repeated = byCommand.values().stream().filter(replies -> replies.size() > 1).count();
        assertThat(byCommand).hasSize(finishedByA + partitions);
        assertThat(output.deadLetters()).isEmpty();
        assertThat(repeated).as("commands replied twice after the second handover").isZero();
        assertThat(skippedByC).as("records C skipped as finished by A").isGreaterThanOrEqualTo(perPartition);
        assertThat(fluent.graphQlRequests()).as("calls to Fluent for A's and C's commands")
                .hasSizeLessThanOrEqualTo(finishedByA + partitions);
        System.out.printf("GUARANTEE second handover: %d records finished by A above its committed offsets, B took only the "
                        + "first record of each partition, C joined and skipped %d of them as finished; %d replied twice%n",
                finishedByA, skippedByC, repeated);
    }

    @Test
    void completesEveryCommandAcrossABrokerRestart(@TempDir Path brokerData) {
        BrokerProcess broker = BrokerProcess.start(brokerData, false);
        closeables.add(broker);
        String prefix = "restart-" + shortId();
        int count = 2_000;
        WorkerOutput output = prepare(broker.bootstrapServers(), prefix, Duration.ofMillis(20), count, 500);

        WorkerProcess worker = startWorker(broker.bootstrapServers(), prefix, "256m", Map.of());
        await().atMost(Duration.ofSeconds(120)).until(() -> output.replies().size() >= 300);
        Map<TopicPartition, OffsetAndMetadata> committedBeforeStop = committed(broker.bootstrapServers(), prefix);
        broker.stop();
        long stopped = System.nanoTime();
        // down until the worker has found it gone (its Kafka clients fail to reconnect), not for a fixed time
        await().atMost(Duration.ofSeconds(30)).until(() -> worker.logText().contains("could not be established"));
        broker.restart();
        long restarted = System.nanoTime();
        await().atMost(Duration.ofSeconds(180)).until(() -> output.repliesByCommand().size() >= count);
        long recoveryMs = (System.nanoTime() - restarted) / 1_000_000;

        assertThat(output.repliesByCommand()).hasSize(count);
        assertThat(output.deadLetters()).isEmpty();
        List<String> repeated = output.repliesByCommand().entrySet().stream()
                .filter(replies -> replies.getValue().size() > 1).map(Map.Entry::getKey).toList();
        long duplicates = repeated.size();
        // The guarantee, independent of timing: nothing a commit before the stop covered is repeated. How many repeat
        // is a figure, printed below and not asserted (0 in the runs here). The 332 of 2,000 "repeats" CI once saw were
        // the test's own reader reading replies again after the restart, at new positions of its group: TopicReader
        // now adds each offset once.
        assertThat(repeated).as("repeated commands that the commit before the stop had covered")
                .filteredOn(id -> Commits.coveredBy(committedBeforeStop, output.sent(id))).isEmpty();
        System.out.printf("GUARANTEE broker restart: %d commands, broker down %d ms, all replied %d ms after it was back, "
                        + "%d replied twice, 0 dead letters%n",
                count, (restarted - stopped) / 1_000_000, recoveryMs, duplicates);
    }

    /**
     * The grace period bounds the whole stop, the final commit and leaving the group included, even when neither can
     * succeed: SIGTERM comes while every running command is held by Fluent, finished work is not committed yet (the
     * worker commits only at the end here), and the broker has frozen. Without one deadline the commit would wait
     * 10 s more and the Kafka client's close up to 30 s for its pending commit.
     */
    @Test
    void exitsWithinItsGracePeriodWhenCommandsHangAndTheBrokerFreezes(@TempDir Path brokerData) {
        BrokerProcess broker = BrokerProcess.start(brokerData, false);
        closeables.add(broker);
        String prefix = "deadline-" + shortId();
        WorkerOutput output = prepare(broker.bootstrapServers(), prefix, Duration.ofMillis(20), 1_000, 1_000);
        Duration grace = Duration.ofSeconds(10);

        WorkerProcess worker = startWorker(broker.bootstrapServers(), prefix, "256m",
                Map.of("worker.shutdown-grace-period", grace.toSeconds() + "s", "worker.commit-interval", "1h"));
        await().atMost(Duration.ofSeconds(120)).until(() -> output.replies().size() >= 200);
        fluent.hangNextGraphQl(1_000, Duration.ofMinutes(5)); // every call from now on: request timeout 30 s
        int replied = settled(output).size(); // and no reply left unacknowledged, so the producer closes at once
        broker.freeze();
        ProcessExit exit = worker.terminate(Duration.ofSeconds(90));
        broker.thaw();

        assertThat(exit.code()).as("exit code after SIGTERM").isIn(0, 143);
        assertThat(worker.logText()).contains("commands did not finish in time").contains("committing ");
        assertThat(exit.took()).as("time from SIGTERM to exit").isLessThanOrEqualTo(grace.plusSeconds(2));
        String stopped = worker.logText().lines().filter(line -> line.contains("stopped with ")).findFirst().orElse("");
        System.out.printf("GUARANTEE stop deadline: SIGTERM with %d replies uncommitted, the other commands held by Fluent "
                        + "and the broker frozen, grace period %d s: exited in %d ms (code %d); worker said: %s%n", replied,
                grace.toSeconds(), exit.took().toMillis(), exit.code(), stopped.substring(Math.max(0, stopped.indexOf("stopped with "))));
    }

    @Test
    void keepsItsHeapBoundedWithABacklogOf200000Commands() {
        String prefix = "backlog-" + shortId();
        int backlog = 200_000;
        long producing = System.nanoTime();
        WorkerOutput output = prepare(KafkaBroker.bootstrapServers(), prefix, Duration.ofMillis(200), backlog, 20_000);
        long producedMs = (System.nanoTime() - producing) / 1_000_000;

        WorkerProcess worker = startWorker(KafkaBroker.bootstrapServers(), prefix, "256m", Map.of(), CHART_GC);
        long started = System.nanoTime();
        // 10,000 replies: the backlog has gone through the buffer five times over, and 190,000 are still waiting
        await().atMost(Duration.ofSeconds(120)).failFast("the worker exited", () -> !worker.isAlive())
                .until(() -> output.replies().size() >= 10_000);
        int replied = output.replies().size();
        long ranMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(worker.logText()).doesNotContain("OutOfMemoryError");
        assertThat(worker.health().status()).isEqualTo(200);
        long peak = worker.peakHeapUsed().orElseThrow();
        long live = liveHeapPeak(worker);
        System.out.printf("GUARANTEE bounded memory: %d commands backlog (produced in %d ms), -Xmx256m, %d replied in %d ms, "
                        + "heap peak %d MB before GC, %d MB live (after a full GC, else after any), still alive and healthy%n",
                backlog, producedMs, replied, ranMs, peak >> 20, live >> 20);
        assertThat(live).as("most heap live").isLessThanOrEqualTo(BACKLOG_LIVE_HEAP_BOUND);
    }

    /**
     * Records of about 1 MB (a topic's default {@code max.message.bytes}): a backlog of 320 is more than the heap. The
     * worker takes them up to {@code worker.max-buffered-bytes} (32 MB), not up to {@code worker.max-buffered}
     * (2,000 records, 2 GB), so it stays alive and healthy under {@code -Xmx256m} and does every command. Without the
     * byte bound the command consumer died of an OutOfMemoryError after 59 replies, its heap full (197 MB live).
     */
    @Test
    void keepsItsHeapBoundedWithABacklogOfOneMegabyteRecords() {
        String prefix = "large-" + shortId();
        int backlog = 320;
        // 12 of the worker's 16 partitions hold the records: together their shares are most of the byte bound
        WorkerTopics topics = WorkerTopics.create(KafkaBroker.bootstrapServers(), prefix, 1, Map.of("graphql-request", 12));
        fluent = FluentSimulator.start();
        fluent.latency(Duration.ofSeconds(1)); // commands are taken faster than they finish: the buffer fills
        WorkerOutput output = output(KafkaBroker.bootstrapServers(), prefix);
        // about 1 MB a record: a query and variables each within the worker's 900,000-byte limit (Fluent takes 2 MB)
        String query = "{ me { id username primaryEmail } }\n#" + "x".repeat(850_000);
        String variables = "{\"padding\":\"" + "y".repeat(140_000) + "\"}";
        try (CommandProducer producer = new CommandProducer(KafkaBroker.bootstrapServers())) {
            for (int n = 0; n < backlog; n++) {
                producer.sendLater(topics.of("graphql-request"), prefix + "-key-" + n,
                        GraphQlRequest.newBuilder().setCommandId(CommandMix.commandId(prefix, n)).setQuery(query).setVariables(variables).build());
            }
            producer.flush();
        }

        WorkerProcess worker = startWorker(KafkaBroker.bootstrapServers(), prefix, "256m", Map.of(), CHART_GC);
        long started = System.nanoTime();
        await().atMost(Duration.ofSeconds(120)).failFast("the worker exited", () -> !worker.isAlive()).until(() -> {
            fluent.clearRecordedRequests(); // the simulator would keep every 1 MB request
            return output.repliesByCommand().size() >= backlog;
        });
        long ranMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(worker.logText()).doesNotContain("OutOfMemoryError");
        assertThat(worker.health().status()).isEqualTo(200);
        assertThat(output.repliesByCommand()).hasSize(backlog).allSatisfy((id, replies) -> assertThat(replies)
                .singleElement().satisfies(reply -> assertThat(reply.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED)));
        long peak = worker.peakHeapUsed().orElseThrow();
        long live = liveHeapPeak(worker);
        System.out.printf("GUARANTEE bounded bytes: %d records of 1 MB backlog, -Xmx256m, all replied in %d ms, "
                + "heap peak %d MB before GC, %d MB live (after a full GC), still alive and healthy%n", backlog, ranMs, peak >> 20, live >> 20);
        assertThat(live).as("most heap live after a full collection").isLessThanOrEqualTo(LARGE_RECORDS_LIVE_HEAP_BOUND);
    }

    private WorkerProcess startWorker(String bootstrapServers, String prefix, String maxHeap, Map<String, String> overrides) {
        return startWorker(bootstrapServers, prefix, maxHeap, overrides, List.of());
    }

    private WorkerProcess startWorker(String bootstrapServers, String prefix, String maxHeap, Map<String, String> overrides,
                                      List<String> jvmOptions) {
        return fleet.start(bootstrapServers, prefix, fluent, maxHeap, overrides, jvmOptions);
    }

    /**
     * One test's world: its topics, a Fluent simulator answering after {@code fluentLatency}, a reader of what the
     * worker publishes, and {@code count} valid commands already produced (the worker starts on a backlog).
     */
    private WorkerOutput prepare(String bootstrapServers, String prefix, Duration fluentLatency, int count, int distinctKeys) {
        WorkerTopics topics = WorkerTopics.create(bootstrapServers, prefix, 3);
        fluent = FluentSimulator.start();
        fluent.latency(fluentLatency);
        WorkerOutput output = output(bootstrapServers, prefix);
        output.positions().putAll(produce(bootstrapServers, topics, prefix, count, distinctKeys));
        return output;
    }

    /** Produces {@code count} valid commands and says where each landed, by command id. */
    private static Map<String, RecordMetadata> produce(String bootstrapServers, WorkerTopics topics, String run, int count,
                                                       int distinctKeys) {
        Map<String, Future<RecordMetadata>> sent = new HashMap<>();
        try (CommandProducer producer = new CommandProducer(bootstrapServers)) {
            for (int n = 0; n < count; n++) {
                CommandMix.Sent command = CommandMix.valid(run, n, distinctKeys);
                sent.put(command.commandId(), producer.sendLater(topics.of(command.command()), command.key(), command.record()));
            }
            producer.flush();
        }
        Map<String, RecordMetadata> positions = new HashMap<>();
        try {
            for (Map.Entry<String, Future<RecordMetadata>> command : sent.entrySet()) {
                positions.put(command.getKey(), command.getValue().get()); // done: flushed above
            }
        } catch (Exception e) {
            throw new IllegalStateException("a command of " + run + " was not produced", e);
        }
        return positions;
    }

    private WorkerOutput output(String bootstrapServers, String prefix) {
        WorkerOutput output = WorkerOutput.read(bootstrapServers, prefix);
        closeables.add(output.reader());
        return output;
    }

    /** Replies by command id once no new reply has arrived for a second. */
    private static Map<String, List<Reply>> settled(WorkerOutput output) {
        int[] last = {-1};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            int now = output.replies().size();
            boolean stable = now == last[0];
            last[0] = now;
            return stable;
        });
        return output.repliesByCommand();
    }

    /**
     * The most heap the worker held live: the largest occupancy after a full collection, else, if none ran, after any
     * collection (which counts garbage not yet collected from the old generation too).
     */
    private static long liveHeapPeak(WorkerProcess worker) {
        return worker.peakHeapAfterFullCollection().orElseGet(() -> worker.peakHeapAfterCollection().orElseThrow());
    }

    /** Commands the worker has taken and not finished, from its health details. */
    private static int unfinished(WorkerProcess worker) {
        Matcher unfinished = Pattern.compile("\"unfinished\":(\\d+)").matcher(worker.health().body());
        return unfinished.find() ? Integer.parseInt(unfinished.group(1)) : -1;
    }

    /** The offsets the test's worker group has committed. */
    private static Map<TopicPartition, OffsetAndMetadata> committed(String prefix) {
        return committed(KafkaBroker.bootstrapServers(), prefix);
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(String bootstrapServers, String prefix) {
        return Commits.committed(bootstrapServers, prefix + "-worker");
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
