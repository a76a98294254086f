package io.fluentkafka.worker.support.process;

import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.awaitility.Awaitility.await;

/**
 * A single-node Apache Kafka broker (KRaft, combined broker and controller) in a child JVM started from the test
 * classpath's {@code kafka_2.13} jars, so that a test can SIGKILL, SIGTERM and restart it.
 *
 * <p>Everything lives in the data directory given to {@link #start(Path)}: {@code server.properties},
 * {@code logback.xml}, the partition logs under {@code kafka-logs} (formatted once, by {@code start}) and the
 * broker's output in {@code broker.log}, appended to across restarts. The client port and the controller port are
 * chosen once, so {@link #bootstrapServers()} stays the same across {@link #restart()}s. Replication factors and
 * minimum in-sync replicas are 1, new topics get 3 partitions, {@code __consumer_offsets} 1, the first consumer group
 * rebalance is not delayed, and a broker session expires after 3 s (not 9), which bounds how long the controller
 * refuses the registration of a broker restarted after a kill.
 *
 * <p>{@code start} and {@code restart} return only once the port accepts connections and an Admin client can
 * describe the cluster, or throw, having killed the child, if that takes longer than 60 s or the child dies.
 * Not thread-safe.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String HEAP = "-Xmx512m";
    private static final String LOGBACK = """
            <configuration>
              <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder>
                  <pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern>
                </encoder>
              </appender>
              <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
              <root level="WARN">
                <appender-ref ref="STDOUT"/>
              </root>
            </configuration>
            """;

    private final Path dataDir;
    private final int port;
    private ChildJvm jvm;

    private BrokerProcess(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** {@link #start(Path, boolean)} with topics created automatically on first use. */
    public static BrokerProcess start(Path dataDir) {
        return start(dataDir, true);
    }

    /**
     * Formats {@code dataDir} (which must not hold a formatted broker yet) and starts a broker in it.
     *
     * @param autoCreateTopics the broker's {@code auto.create.topics.enable}
     */
    public static BrokerProcess start(Path dataDir, boolean autoCreateTopics) {
        int[] ports = ChildJvm.freeLoopbackPorts(2);
        BrokerProcess broker = new BrokerProcess(dataDir.toAbsolutePath(), ports[0]);
        broker.configure(ports[1], autoCreateTopics);
        broker.launch();
        return broker;
    }

    /** {@code 127.0.0.1:<port>}, the same for the life of this object. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The broker's own output, appended to by every start. */
    public Path logFile() {
        return dataDir.resolve("broker.log");
    }

    public boolean isAlive() {
        return jvm.isAlive();
    }

    public long pid() {
        return jvm.pid();
    }

    /** SIGTERM (controlled shutdown) and waits up to 30 s for the broker to exit, else kills it and throws. */
    public void stop() {
        jvm.terminate(STOP_TIMEOUT);
    }

    /**
     * SIGKILL and waits for the broker to be gone: a crash, no shutdown runs. What it had written survives (it is in
     * the operating system's page cache), as after a real process crash.
     */
    public void kill() {
        jvm.kill();
    }

    /**
     * SIGSTOP: the broker stays connected but answers nothing until {@link #thaw()}, as a broker stuck in a long GC
     * pause or behind a network partition that drops packets would; clients wait out their request timeouts.
     */
    public void freeze() {
        jvm.signal("STOP");
    }

    /** SIGCONT after {@link #freeze()}: the broker answers again. */
    public void thaw() {
        jvm.signal("CONT");
    }

    /**
     * Starts the broker again on the same ports and data directory, so topics and records survive; stops it first
     * (as {@link #stop()}) if it is still running. Returns once it is ready, as {@link #start(Path)} does.
     */
    public void restart() {
        if (jvm.isAlive()) {
            stop();
        }
        launch();
    }

    /** Kills the broker if it is still running (frozen or not). The data directory is left as it is. */
    @Override
    public void close() {
        if (jvm.isAlive()) {
            jvm.kill();
        }
    }

    private Path propertiesFile() {
        return dataDir.resolve("server.properties");
    }

    private Path logbackFile() {
        return dataDir.resolve("logback.xml");
    }

    private void configure(int controllerPort, boolean autoCreateTopics) {
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "log.dirs=" + dataDir.resolve("kafka-logs"),
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "min.insync.replicas=1",
                "group.initial.rebalance.delay.ms=0",
                "num.partitions=3",
                // after a kill the controller refuses the restarted broker until the old one's session expires
                "broker.heartbeat.interval.ms=500",
                "broker.session.timeout.ms=3000",
                "auto.create.topics.enable=" + autoCreateTopics,
                "");
        try {
            Files.createDirectories(dataDir);
            Files.writeString(propertiesFile(), properties);
            Files.writeString(logbackFile(), LOGBACK);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker's configuration to " + dataDir, e);
        }
        format();
    }

    /** In this JVM: {@code StorageTool.main} would call {@code System.exit}, {@code execute} only returns or throws. */
    private void format() {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String[] arguments = {"format", "-t", Uuid.randomUuid().toString(), "-c", propertiesFile().toString()};
        int code;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            code = StorageTool.execute(arguments, out);
        } catch (Exception e) { // Scala code may throw checked exceptions it does not declare
            throw new IllegalStateException("cannot format " + dataDir + ": " + output, e);
        }
        if (code != 0) {
            throw new IllegalStateException("cannot format " + dataDir + ", exit code " + code + ": " + output);
        }
    }

    private void launch() {
        jvm = ChildJvm.start(List.of(HEAP,
                "-Dlogback.configurationFile=" + logbackFile(),
                "-cp", System.getProperty("java.class.path"),
                "kafka.Kafka", propertiesFile().toString()), logFile());
        try {
            awaitReady();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void awaitReady() {
        try {
            await().atMost(READY_TIMEOUT).pollInterval(POLL_INTERVAL).pollInSameThread()
                    .failFast("the broker exited", () -> !jvm.isAlive())
                    .until(this::acceptsConnections);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
                await().atMost(READY_TIMEOUT).pollInterval(POLL_INTERVAL).pollInSameThread()
                        .failFast("the broker exited", () -> !jvm.isAlive())
                        .ignoreException(ExecutionException.class) // not ready to describe the cluster yet
                        .until(() -> !admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes().get().isEmpty());
            }
        } catch (TerminalFailureException exited) {
            throw new IllegalStateException("the broker (" + bootstrapServers() + ") exited with " + jvm.exitCode()
                    + " before it was ready; tail of " + logFile() + ":\n" + jvm.logTail(), exited);
        } catch (ConditionTimeoutException notReady) {
            throw new IllegalStateException("the broker (" + bootstrapServers() + ") was not ready within "
                    + READY_TIMEOUT.toSeconds() + " s; tail of " + logFile() + ":\n" + jvm.logTail(), notReady);
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
