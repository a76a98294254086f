package io.fluentkafka.worker.support.process;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process harness itself: a broker that keeps its records and its address across a SIGKILL and restart, and a
 * worker from the shaded jar that answers {@code /health} and exits on SIGTERM.
 */
class ProcessSupportIT {

    private static final String TOPIC = "process-support";

    @TempDir
    static Path dir;
    private static BrokerProcess broker;

    @BeforeAll
    static void startBroker() {
        broker = BrokerProcess.start(dir.resolve("broker"));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void brokerKeepsRecordsAndAddressAcrossAKill() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
        List<String> sent = IntStream.range(0, 10).mapToObj(i -> "record-" + i).toList();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (String value : sent) {
                producer.send(new ProducerRecord<>(TOPIC, value, value)).get();
            }
        }
        String address = broker.bootstrapServers();
        long firstPid = broker.pid();

        broker.kill();
        assertThat(broker.isAlive()).isFalse();
        broker.restart();

        assertThat(broker.bootstrapServers()).isEqualTo(address);
        assertThat(broker.pid()).isNotEqualTo(firstPid);
        assertThat(readAll(broker.bootstrapServers(), sent.size())).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void workerAnswersHealthAndExitsOnSigterm() {
        Map<String, String> config = Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "fluent.connections.default.host", "http://127.0.0.1:1",
                "fluent.connections.default.username", "process-user",
                "fluent.connections.default.password", "process-password",
                "fluent.connections.default.client-id", "process-client",
                "fluent.connections.default.client-secret", "process-secret");
        try (WorkerProcess worker = WorkerProcess.start(config, "256m", dir.resolve("worker.log"))) {
            worker.awaitReady(Duration.ofSeconds(30));

            HealthResponse health = worker.health();
            assertThat(health.status()).isIn(200, 503);
            assertThat(health.body()).contains("\"status\"");

            ProcessExit exit = worker.terminate(Duration.ofSeconds(30));
            assertThat(worker.isAlive()).isFalse();
            assertThat(exit.code()).isIn(0, 143);
            assertThat(worker.logText()).isNotBlank();
            assertThat(worker.peakHeapUsed()).isPresent();
        }
    }

    /** Reads the topic from the start, without a consumer group, until {@code count} records came or 30 s passed. */
    private static List<String> readAll(String bootstrapServers, int count) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(IntStream.range(0, 3).mapToObj(p -> new TopicPartition(TOPIC, p)).toList());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
