package io.fluentkafka.worker.support;

import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.messaging.AvroTrust;
import io.fluentkafka.worker.operation.TestOperations;
import io.fluentkafka.worker.support.fluent.FluentSimulator;
import io.fluentkafka.worker.support.fluent.RecordedRequest;
import io.fluentkafka.worker.support.kafka.CommandProducer;
import io.fluentkafka.worker.support.kafka.KafkaBroker;
import io.fluentkafka.worker.support.kafka.TopicReader;
import io.fluentkafka.worker.support.logging.CapturedLogs;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * The worker as a test sees it: a real broker, the Fluent simulator over HTTP, and the application started with
 * topics under a prefix of its own, so test classes sharing a broker do not see each other's records.
 */
public final class RunningWorker implements AutoCloseable {

    /** Every kind of the worker's catalogue, comma-separated. */
    public static final String COMMANDS = String.join(",", TestOperations.kinds());
    /** The worker's default {@code worker.webhooks.path}. */
    public static final String WEBHOOK_PATH = "/webhooks/fluent";

    private final String bootstrapServers;
    private final String prefix;
    private final FluentSimulator fluent;
    private final EmbeddedServer server;
    private final CommandProducer producer;
    private final TopicReader output;
    private final List<String> kafkaSecrets;

    private RunningWorker(String bootstrapServers, String prefix, Map<String, Object> overrides, Map<String, Object> environment) {
        this(bootstrapServers, prefix, overrides, environment, false);
    }

    private RunningWorker(String bootstrapServers, String prefix, Map<String, Object> overrides, Map<String, Object> environment,
                          boolean webhooks) {
        AvroTrust.ensure();
        this.bootstrapServers = bootstrapServers;
        this.prefix = prefix;
        this.fluent = FluentSimulator.start();
        for (String command : COMMANDS.split(",")) {
            KafkaBroker.createTopicsOn(bootstrapServers, topic(command), topic(command) + ".dlt");
        }
        KafkaBroker.createTopicsOn(bootstrapServers, replies());
        Map<String, Object> properties = new HashMap<>(properties());
        if (webhooks) {
            KafkaBroker.createTopicsOn(bootstrapServers, events());
            properties.put("worker.webhooks.enabled", "true");
            properties.put("worker.webhooks.public-key", fluent.webhookPublicKey());
            properties.put("worker.webhooks.topic", events());
        }
        properties.putAll(overrides);
        this.kafkaSecrets = environment.entrySet().stream()
                .filter(e -> e.getKey().endsWith("_PASSWORD") || e.getKey().endsWith("_JAAS_CONFIG"))
                .map(e -> e.getValue().toString()).toList();
        this.server = run(properties, environment);
        if (webhooks) {
            fluent.postWebhooksTo(java.net.URI.create(server.getURL() + String.valueOf(
                    properties.getOrDefault("worker.webhooks.path", WEBHOOK_PATH))));
        }
        this.producer = new CommandProducer(bootstrapServers);
        this.output = new TopicReader(bootstrapServers, Pattern.compile(Pattern.quote(prefix) + "\\..*"));
    }

    /**
     * The worker with its webhook endpoint on, verifying the simulator's key and publishing to {@link #events()}, and the
     * simulator posting its order webhooks to that endpoint: Fluent's loop from a command back to Kafka.
     */
    public static RunningWorker startWithWebhooks(String prefix, Map<String, Object> overrides) {
        return new RunningWorker(KafkaBroker.bootstrapServers(), prefix, overrides, Map.of(), true);
    }

    public static RunningWorker start(String prefix) {
        return start(prefix, Map.of());
    }

    public static RunningWorker start(String prefix, Map<String, Object> overrides) {
        return new RunningWorker(KafkaBroker.bootstrapServers(), prefix, overrides, Map.of());
    }

    /** The worker on another broker than the shared one (e.g. one that creates topics on first use). */
    public static RunningWorker startOn(String bootstrapServers, String prefix, Map<String, Object> overrides) {
        return new RunningWorker(bootstrapServers, prefix, overrides, Map.of());
    }

    /**
     * The worker with {@code environment} as if they were its environment variables (e.g. {@code KAFKA_SASL_MECHANISM}),
     * read the way Micronaut reads the real ones; the values of {@code *_PASSWORD} and {@code *_JAAS_CONFIG} are
     * secrets for {@link #secretLeaks()}. The tests' own clients use {@code bootstrapServers}, PLAINTEXT: point the
     * worker elsewhere with the override {@code kafka.bootstrap.servers}.
     */
    public static RunningWorker startOn(String bootstrapServers, String prefix, Map<String, Object> overrides, Map<String, Object> environment) {
        return new RunningWorker(bootstrapServers, prefix, overrides, environment);
    }

    private static EmbeddedServer run(Map<String, Object> properties, Map<String, Object> environment) {
        ApplicationContext context = ApplicationContext.builder().properties(properties)
                .propertySources(PropertySource.of("test-environment", environment, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        return server.isRunning() ? server : (EmbeddedServer) server.start();
    }

    private Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>();
        p.put("kafka.bootstrap.servers", bootstrapServers);
        p.put("micronaut.server.port", -1);
        p.put("worker.group-id", prefix + "-worker");
        for (String command : COMMANDS.split(",")) {
            p.put("worker.topics." + command, topic(command));
        }
        p.put("worker.topics.replies", replies());
        p.put("worker.retry.initial-delay", "50ms");
        p.put("worker.retry.max-delay", "500ms");
        for (String connection : List.of("default", "second")) {
            String key = "fluent.connections." + connection + ".";
            p.put(key + "host", fluent.baseUrl().toString());
            p.put(key + "username", fluent.account().username());
            p.put(key + "password", fluent.account().password());
            p.put(key + "client-id", fluent.account().clientId());
            p.put(key + "client-secret", fluent.account().clientSecret());
        }
        p.put("fluent.request-timeout", "2s");
        return p;
    }

    public String topic(String command) {
        return prefix + "." + command;
    }

    public String replies() {
        return prefix + ".replies";
    }

    /** Where a worker of {@link #startWithWebhooks} publishes Fluent's events unless a route says otherwise. */
    public String events() {
        return prefix + ".events";
    }

    public FluentSimulator fluent() {
        return fluent;
    }

    public CommandProducer producer() {
        return producer;
    }

    public EmbeddedServer server() {
        return server;
    }

    public List<ConsumerRecord<byte[], byte[]>> records(String topic) {
        return output.records(topic);
    }

    /** Every reply on the reply topic, decoded. */
    public List<Reply> replyList() {
        return records(replies()).stream().map(r -> decode(r.value())).toList();
    }

    public Reply awaitReply(String commandId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> findReply(commandId), Optional::isPresent).get();
    }

    public Optional<Reply> findReply(String commandId) {
        return replyList().stream().filter(r -> r.getCommandId().equals(commandId)).findFirst();
    }

    /** The last GraphQL request the simulator received whose document contains {@code marker}. */
    public RecordedRequest lastGraphQl(String marker) {
        List<RecordedRequest> matching = fluent.graphQlRequests().stream().filter(r -> r.query() != null && r.query().contains(marker)).toList();
        if (matching.isEmpty()) {
            throw new AssertionError("no GraphQL request contains " + marker);
        }
        return matching.get(matching.size() - 1);
    }

    public ConsumerRecord<byte[], byte[]> awaitDeadLetter(String command, String header, String value) {
        String topic = topic(command) + ".dlt";
        return await().atMost(Duration.ofSeconds(30)).until(() -> records(topic).stream()
                .filter(r -> value.equals(header(r, header))).findFirst(), Optional::isPresent).get();
    }

    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static Reply decode(byte[] value) {
        try {
            return Reply.getDecoder().decode(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every place a secret could leak to, searched for the password, the client secret and every token the
     * simulator issued: all captured log lines (with exception messages and causes), every reply, and every
     * dead-letter header. Returns the leaks found, each with where it was found.
     */
    public List<String> secretLeaks() {
        List<String> secrets = new java.util.ArrayList<>(fluent.issuedTokens());
        secrets.add(fluent.account().password());
        secrets.add(fluent.account().clientSecret());
        secrets.addAll(kafkaSecrets);
        List<String> everything = new java.util.ArrayList<>(CapturedLogs.lines());
        records(replies()).forEach(r -> everything.add("reply " + decode(r.value())));
        for (String command : COMMANDS.split(",")) {
            records(topic(command) + ".dlt").forEach(r -> r.headers().forEach(h ->
                    everything.add("dead-letter header " + h.key() + "=" + new String(h.value(), java.nio.charset.StandardCharsets.UTF_8))));
        }
        return Secrets.leaks(secrets, everything);
    }

    /** Stops everything, then fails if anything secret leaked while this worker ran (guarantee 9). */
    @Override
    public void close() throws Exception {
        List<String> leaks = secretLeaks();
        output.close();
        producer.close();
        server.getApplicationContext().close();
        fluent.close();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " secret(s) leaked, e.g. in: " + leaks.get(0));
        }
    }
}
