package io.fluentkafka.worker.benchmark;

import io.fluentkafka.worker.support.CommandMix;
import io.fluentkafka.worker.support.RunningWorker;
import io.fluentkafka.worker.support.fluent.FluentSimulator;
import io.fluentkafka.worker.support.kafka.CommandProducer;
import io.fluentkafka.worker.support.process.WorkerProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One benchmark run: fresh topics, the worker started and given its partitions, a warm-up (commands for the
 * warm-up time: the JIT compiling, which takes about half the worker's CPU for its first 30 s, and pools and
 * connections opening are not measured), then every command produced as fast as the producer goes while the
 * replies are read; done when each command has a reply.
 */
final class BenchmarkRun {

    private static final String[] COMMANDS = RunningWorker.COMMANDS.split(",");
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final String SET_PREFIX = "benchmark.set.";
    private static final int WARMUP_BACKLOG = 4_000;

    /** What every run shares; {@code kinds} are indexes into {@link CommandMix#KINDS}, produced in turn. */
    record Settings(String bootstrapServers, FluentSimulator fluent, int commands, Duration warmup, List<Integer> kinds, int partitions, Path logs) {
    }

    private BenchmarkRun() {
    }

    static int distinctKeys(int commands) {
        return Math.max(1, commands / 4);
    }

    static Benchmark.RunResult run(Settings settings, String name, String description, Map<String, String> overrides) throws Exception {
        String prefix = "bench-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
        createTopics(settings, prefix);
        settings.fluent().clearRecordedRequests();
        try (WorkerProcess worker = WorkerProcess.start(workerProperties(settings, prefix, overrides), "512m",
                settings.logs().resolve(prefix + ".log"), workerJvmOptions());
             KafkaConsumer<byte[], byte[]> replies = replyReader(settings, prefix)) {
            worker.awaitReady(Duration.ofSeconds(60));
            awaitAssignment(worker);
            warmUp(settings, prefix, replies);
            long cpuBefore = cpuNanos(worker);
            long rigCpuBefore = rigCpuNanos();
            long started = System.nanoTime();
            long[] latencies = drive(settings, prefix, prefix + "-measured", settings.commands(), replies);
            long elapsedNanos = System.nanoTime() - started;
            long cpuNanos = cpuNanos(worker) - cpuBefore;
            long rigCpuNanos = rigCpuNanos() - rigCpuBefore;
            int tokens = settings.fluent().tokenRequests().size();
            long peakHeapMb = worker.peakHeapUsed().orElse(0) >> 20;
            worker.terminate(Duration.ofSeconds(30));
            Arrays.sort(latencies);
            double throughput = settings.commands() / (elapsedNanos / 1e9);
            return new Benchmark.RunResult(name, description, throughput, percentile(latencies, 50), percentile(latencies, 99),
                    TimeUnit.NANOSECONDS.toMillis(cpuNanos) * 1000.0 / settings.commands(),
                    TimeUnit.NANOSECONDS.toMillis(rigCpuNanos) * 1000.0 / settings.commands(), tokens, peakHeapMb);
        }
    }

    /**
     * Keeps the worker busy for the warm-up time, with up to {@value #WARMUP_BACKLOG} commands outstanding at any
     * moment (so that commands waiting out a back-off do not leave it idle), then waits for the last replies.
     */
    private static void warmUp(Settings settings, String prefix, KafkaConsumer<byte[], byte[]> replies) {
        String run = prefix + "-warmup";
        long end = System.nanoTime() + settings.warmup().toNanos();
        long deadline = end + TIMEOUT.toNanos();
        BitSet replied = new BitSet();
        int produced = 0;
        int repliedCount = 0;
        try (CommandProducer producer = new CommandProducer(settings.bootstrapServers())) {
            while (System.nanoTime() < end || repliedCount < produced) {
                checkDeadline(deadline, run, repliedCount);
                if (System.nanoTime() < end && produced - repliedCount < WARMUP_BACKLOG / 2) {
                    for (int n = produced; n < produced + WARMUP_BACKLOG / 2; n++) {
                        send(producer, settings, prefix, run, n, WARMUP_BACKLOG * 4);
                    }
                    produced += WARMUP_BACKLOG / 2;
                    producer.flush();
                }
                for (ConsumerRecord<byte[], byte[]> record : replies.poll(Duration.ofMillis(100))) {
                    int n = numberIn(run, record);
                    if (n >= 0 && !replied.get(n)) {
                        replied.set(n);
                        repliedCount++;
                    }
                }
            }
        }
    }

    /**
     * Produces {@code count} commands of {@code run} as fast as the producer goes while reading replies, until each
     * has one (replies to other runs are skipped). Returns each command's latency, produce to reply.
     */
    private static long[] drive(Settings settings, String prefix, String run, int count, KafkaConsumer<byte[], byte[]> replies)
            throws InterruptedException {
        long[] producedAt = new long[count];
        long[] latencies = new long[count];
        BitSet replied = new BitSet(count);
        Thread producer = new Thread(() -> produce(settings, prefix, run, count, producedAt), "benchmark-producer");
        producer.start();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int repliedCount = 0;
        while (repliedCount < count) {
            checkDeadline(deadline, run, repliedCount);
            for (ConsumerRecord<byte[], byte[]> record : replies.poll(Duration.ofMillis(100))) {
                int n = numberIn(run, record);
                if (n >= 0 && !replied.get(n)) {
                    replied.set(n);
                    repliedCount++;
                    latencies[n] = record.timestamp() - producedAt[n];
                }
            }
        }
        producer.join();
        return latencies;
    }

    private static void checkDeadline(long deadline, String run, int replied) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(run + ": only " + replied + " replies after " + TIMEOUT);
        }
    }

    /** The n-th command of {@code run}, of the kind its turn gives; keys repeat every {@code commands / 4}. */
    private static void send(CommandProducer producer, Settings settings, String prefix, String run, int n, int commands) {
        int kind = settings.kinds().get(n % settings.kinds().size());
        CommandMix.Sent sent = CommandMix.valid(run, n, distinctKeys(commands), kind);
        producer.sendLater(prefix + "." + sent.command(), sent.key(), sent.record());
    }

    /** Which command of {@code run} this reply answers, or -1 when it answers another run's. */
    private static int numberIn(String run, ConsumerRecord<byte[], byte[]> reply) {
        String commandId = RunningWorker.decode(reply.value()).getCommandId();
        return commandId.startsWith(run + "-") ? Integer.parseInt(commandId.substring(run.length() + 1)) : -1;
    }

    /** The Helm chart's collector (see its javaOpts), then any from {@code benchmark.worker-jvm-options}. */
    private static List<String> workerJvmOptions() {
        List<String> options = new ArrayList<>(List.of("-XX:+UseParallelGC"));
        String extra = System.getProperty("benchmark.worker-jvm-options", "");
        if (!extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        return options;
    }

    private static Map<String, String> workerProperties(Settings settings, String prefix, Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", settings.bootstrapServers());
        properties.put("worker.group-id", prefix + "-worker");
        for (String command : COMMANDS) {
            properties.put("worker.topics." + command, prefix + "." + command);
        }
        properties.put("worker.topics.replies", prefix + ".replies");
        String connection = "fluent.connections.default.";
        properties.put(connection + "host", settings.fluent().baseUrl().toString());
        properties.put(connection + "username", settings.fluent().account().username());
        properties.put(connection + "password", settings.fluent().account().password());
        properties.put(connection + "client-id", settings.fluent().account().clientId());
        properties.put(connection + "client-secret", settings.fluent().account().clientSecret());
        properties.put("logger.levels.io.fluentkafka", "WARN");
        properties.putAll(overrides);
        // -Dbenchmark.set.<key>=<value> sets any worker property, e.g. -Dbenchmark.set.worker.max-in-flight=512
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith(SET_PREFIX))
                .forEach(name -> properties.put(name.substring(SET_PREFIX.length()), System.getProperty(name)));
        return properties;
    }

    private static void createTopics(Settings settings, String prefix) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String command : COMMANDS) {
            topics.add(new NewTopic(prefix + "." + command, settings.partitions(), (short) 1));
            topics.add(new NewTopic(prefix + "." + command + ".dlt", settings.partitions(), (short) 1));
        }
        topics.add(new NewTopic(prefix + ".replies", settings.partitions(), (short) 1));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()))) {
            admin.createTopics(topics).all().get();
        }
    }

    /** The worker has joined its group and been given partitions, as its liveness details say. */
    private static void awaitAssignment(WorkerProcess worker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!worker.health().body().matches("(?s).*\"partitions\":[1-9].*")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the worker got no partitions within 60 s");
            }
            Thread.sleep(200);
        }
    }

    private static void produce(Settings settings, String prefix, String run, int count, long[] producedAt) {
        try (CommandProducer producer = new CommandProducer(settings.bootstrapServers())) {
            for (int n = 0; n < count; n++) {
                producedAt[n] = System.currentTimeMillis();
                send(producer, settings, prefix, run, n, count);
            }
            producer.flush();
        }
    }

    private static KafkaConsumer<byte[], byte[]> replyReader(Settings settings, String prefix) {
        // large, infrequent fetches: the reader shares the machine with the worker, and a reply's latency is taken
        // from its own timestamp, not from when it is read
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 200),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < settings.partitions(); p++) {
            partitions.add(new TopicPartition(prefix + ".replies", p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static long cpuNanos(WorkerProcess worker) {
        return ProcessHandle.of(worker.pid()).flatMap(process -> process.info().totalCpuDuration())
                .map(Duration::toNanos).orElseThrow(() -> new IllegalStateException("cannot read the worker's CPU time"));
    }

    /** This JVM: the broker, the simulator, the producer and the reply reader. */
    private static long rigCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("cannot read the benchmark's own CPU time"));
    }

    private static long percentile(long[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }
}
