package io.fluentkafka.worker.support.process;

import io.fluentkafka.worker.support.RunningWorker;
import io.fluentkafka.worker.support.Secrets;
import io.fluentkafka.worker.support.fluent.FluentSimulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The worker processes of one test, each started from the jar and ready: on a broker, the topics of a test's prefix
 * ({@link WorkerTopics}), its own consumer group {@code <prefix>-worker}, and a Fluent simulator as the
 * {@code default} connection. A killed worker's partitions move to the next one within seconds (a 6 s session), and
 * retries are quick. Logs go to {@code <logs>/<prefix>-worker-<n>.log}. Not thread-safe: one test's thread uses it.
 */
public final class WorkerFleet {

    private static final String[] COMMANDS = RunningWorker.COMMANDS.split(",");

    private final Path logs;
    private final List<WorkerProcess> workers = new ArrayList<>();

    public WorkerFleet(Path logs) {
        this.logs = logs;
    }

    /** Starts a worker with these settings over the defaults above and waits until it is ready. */
    public WorkerProcess start(String bootstrapServers, String prefix, FluentSimulator fluent, String maxHeap,
                               Map<String, String> overrides, List<String> jvmOptions) {
        Map<String, String> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        // a killed worker's partitions move to the next one within seconds, not the 45 s default
        properties.put("kafka.session.timeout.ms", "6000");
        properties.put("kafka.heartbeat.interval.ms", "1000");
        properties.put("worker.group-id", prefix + "-worker");
        for (String command : COMMANDS) {
            properties.put("worker.topics." + command, prefix + "." + command);
        }
        properties.put("worker.topics.replies", prefix + ".replies");
        properties.put("worker.retry.initial-delay", "50ms");
        properties.put("worker.retry.max-delay", "1s");
        properties.putAll(connection("default", fluent));
        properties.putAll(overrides);
        WorkerProcess worker = WorkerProcess.start(properties, maxHeap, logs.resolve(prefix + "-worker-" + workers.size() + ".log"), jvmOptions);
        workers.add(worker);
        worker.awaitReady(Duration.ofSeconds(60));
        return worker;
    }

    /**
     * Kills every worker still running and returns the lines of their logs that show a secret of {@code fluent} (its
     * tokens, password or client secret), masked; none when {@code fluent} is null.
     */
    public List<String> closeAndFindLeaks(FluentSimulator fluent) {
        List<String> texts = new ArrayList<>();
        for (WorkerProcess worker : workers) {
            worker.close();
            texts.add(worker.logText());
        }
        if (fluent == null) {
            return List.of();
        }
        List<String> secrets = new ArrayList<>(fluent.issuedTokens());
        secrets.add(fluent.account().password());
        secrets.add(fluent.account().clientSecret());
        return Secrets.leaks(secrets, texts);
    }

    /** The settings of a Fluent connection named {@code name} on {@code simulator}. */
    public static Map<String, String> connection(String name, FluentSimulator simulator) {
        String prefix = "fluent.connections." + name + ".";
        Map<String, String> properties = new HashMap<>();
        properties.put(prefix + "host", simulator.baseUrl().toString());
        properties.put(prefix + "username", simulator.account().username());
        properties.put(prefix + "password", simulator.account().password());
        properties.put(prefix + "client-id", simulator.account().clientId());
        properties.put(prefix + "client-secret", simulator.account().clientSecret());
        return properties;
    }
}
