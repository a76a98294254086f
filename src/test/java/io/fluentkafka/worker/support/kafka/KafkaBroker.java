package io.fluentkafka.worker.support.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * One real Kafka broker per test JVM, started on first use and stopped at JVM exit: the broker named by
 * {@code TEST_KAFKA_BOOTSTRAP_SERVERS} if set, else a Testcontainers broker when Docker is available, else an
 * in-process KRaft broker (Kafka's own test kit) on loopback. Topics are never created automatically.
 */
public final class KafkaBroker {

    private static final String IMAGE = "apache/kafka-native:4.0.0";
    private static String bootstrapServers;
    private static KafkaClusterTestKit inProcess;

    private KafkaBroker() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = start();
        }
        return bootstrapServers;
    }

    /** Creates the topics (3 partitions each) unless they exist. */
    public static void createTopics(String... names) {
        createTopicsOn(bootstrapServers(), names);
    }

    /** Creates the topics (3 partitions each) on the broker at {@code bootstrapServers} unless they exist. */
    public static void createTopicsOn(String bootstrapServers, String... names) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (String name : names) {
                try {
                    admin.createTopics(java.util.List.of(new NewTopic(name, 3, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name, e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String start() {
        String external = System.getenv("TEST_KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            return external;
        }
        if (dockerMayBeThere() && DockerClientFactory.instance().isDockerAvailable()) {
            KafkaContainer container = new KafkaContainer(IMAGE).withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return container.getBootstrapServers();
        }
        return startInProcess();
    }

    /** Testcontainers logs an alarming ERROR when it finds no Docker; ask it only when Docker may be there. */
    private static boolean dockerMayBeThere() {
        return System.getenv("DOCKER_HOST") != null || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"));
    }

    private static String startInProcess() {
        inProcess = startInProcess(false);
        Runtime.getRuntime().addShutdownHook(new Thread(KafkaBroker::stop));
        return inProcess.bootstrapServers();
    }

    /**
     * A broker of its own that, like Kafka's default and unlike the shared one, creates a topic the first time a
     * client asks for it ({@code auto.create.topics.enable=true}). The caller closes it.
     */
    public static KafkaClusterTestKit startAutoCreating() {
        return startInProcess(true);
    }

    private static KafkaClusterTestKit startInProcess(boolean autoCreateTopics) {
        return startInProcess(Map.of("auto.create.topics.enable", String.valueOf(autoCreateTopics)));
    }

    /**
     * An in-process broker of the shared one's settings plus {@code extra} (which may replace them); its listener
     * {@code EXTERNAL} (PLAINTEXT) is {@link KafkaClusterTestKit#bootstrapServers()}. The caller closes it.
     */
    static KafkaClusterTestKit startInProcess(Map<String, String> extra) {
        Exit.setHaltProcedure(KafkaBroker::haltUnlessExiting);
        try {
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("min.insync.replicas", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("num.partitions", "3")
                    // the shared broker, as production should be: a topic that was not created does not exist
                    .setConfigProp("auto.create.topics.enable", "false");
            extra.forEach(builder::setConfigProp);
            KafkaClusterTestKit cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return cluster;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the in-process Kafka broker", e);
        }
    }

    /**
     * A broker halts the JVM when its log directory fails. At the JVM's exit, the test kit's hook that deletes its
     * temporary directories may run before the hook that stops the broker, which then sees its directory vanish and
     * halts with status 1: the test run's fork then fails after every test passed. A halt while the JVM is exiting
     * anyway is only logged.
     */
    private static void haltUnlessExiting(int status, String message) {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
        } catch (IllegalStateException exiting) {
            System.err.println("in-process Kafka broker asked to halt (" + status + ") while the JVM exits; ignored: " + message);
            return;
        }
        Runtime.getRuntime().halt(status);
    }

    /** Stops the in-process broker, if this JVM started one, and deletes its data. */
    public static synchronized void stop() {
        if (inProcess == null) {
            return;
        }
        try {
            inProcess.close();
        } catch (Exception e) {
            System.err.println("in-process Kafka broker did not close cleanly: " + Arrays.toString(e.getStackTrace()));
        }
        inProcess = null;
    }
}
