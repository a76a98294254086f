package io.fluentkafka.worker;

import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.messaging.AvroTrust;
import io.fluentkafka.worker.support.CommandMix;
import io.fluentkafka.worker.support.RunningWorker;
import io.fluentkafka.worker.support.Secrets;
import io.fluentkafka.worker.support.fluent.FluentSimulator;
import io.fluentkafka.worker.support.kafka.CommandProducer;
import io.fluentkafka.worker.support.kafka.KafkaBroker;
import io.fluentkafka.worker.support.kafka.TopicReader;
import io.fluentkafka.worker.support.process.ImageProcess;
import io.fluentkafka.worker.support.process.ImageTarball;
import io.fluentkafka.worker.support.process.ProcessExit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The container image that {@code mvn -Pimage package} writes to {@code target/jib-image.tar}: its configuration as a
 * runtime reads it, and the image run the way a runtime runs it (see {@link ImageProcess}) against the test broker
 * and the Fluent simulator, configured through the environment as the Helm chart configures it. Runs only in the
 * image profile, as root.
 */
class WorkerImageIT {

    private static final Path BASEDIR = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Path CHART = BASEDIR.resolve("helm/fluent-kafka-worker");

    private static ImageTarball image;
    private static Path root;

    @BeforeAll
    static void readImage() {
        AvroTrust.ensure();
        image = ImageTarball.read(BASEDIR.resolve("target/jib-image.tar"));
    }

    @Test
    void runsAsTheChartsNonRootUser() throws IOException {
        String deployment = Files.readString(CHART.resolve("templates/deployment.yaml"));

        assertThat(image.user()).as("a numeric user and group, which no base image needs to know")
                .matches("[1-9]\\d*:\\d+")
                .isEqualTo(firstNumber(deployment, "runAsUser") + ":" + firstNumber(deployment, "runAsGroup"));
    }

    @Test
    void exposesThePortTheWorkerListensOnByDefault() throws IOException {
        Path unpacked = unpacked();
        String configuration = Files.readString(unpacked.resolve("app/resources/application.yml"));

        assertThat(configuration).contains("port: ${PORT:8080}");
        assertThat(image.exposedPorts()).containsExactly("8080/tcp");
        assertThat(image.command()).startsWith("java").endsWith(Application.class.getName());
    }

    @Test
    void javaOptionsAreTheChartsDefaultSoTheChartReplacesThemWhole() throws IOException {
        Map<String, Object> values = new Yaml().load(Files.readString(CHART.resolve("values.yaml")));

        assertThat(image.environment().get("JAVA_TOOL_OPTIONS")).isEqualTo(values.get("javaOpts"))
                .contains("-XX:MaxRAMPercentage=").contains("-XX:+UseParallelGC");
    }

    @Test
    void labelsSayWhichVersionAndCommitItHolds() throws Exception {
        Map<String, String> labels = image.labels();

        assertThat(labels).containsEntry("org.opencontainers.image.version", System.getProperty("image.expected-version"))
                .containsEntry("org.opencontainers.image.revision", git("rev-parse", "HEAD").orElseThrow())
                .containsEntry("org.opencontainers.image.source", git("remote", "get-url", "origin")
                        .map(url -> url.replaceFirst("^(\\w+://)[^/@]*@", "$1")) // a URL's user and password stay out
                        .orElse("unknown"));
    }

    @Test
    void repliesToCommandsAsItsUserOnAReadOnlyRoot() throws Exception {
        String prefix = "image-" + UUID.randomUUID().toString().substring(0, 8);
        String bootstrapServers = KafkaBroker.bootstrapServers();
        List<String> kinds = List.of(RunningWorker.COMMANDS.split(","));
        for (String kind : kinds) {
            KafkaBroker.createTopics(prefix + "." + kind, prefix + "." + kind + ".dlt");
        }
        KafkaBroker.createTopics(prefix + ".replies");
        Path logFile = BASEDIR.resolve("target/image-it/" + prefix + ".log");

        try (FluentSimulator fluent = FluentSimulator.start();
             ImageProcess worker = ImageProcess.start(image, unpacked(), environment(prefix, bootstrapServers, kinds, fluent), logFile);
             TopicReader replies = new TopicReader(bootstrapServers, Pattern.compile(Pattern.quote(prefix + ".replies")));
             CommandProducer producer = new CommandProducer(bootstrapServers)) {
            worker.awaitHttp(Duration.ofSeconds(90));
            await().atMost(Duration.ofSeconds(60)).until(() -> worker.get("/health/readiness").status() == 200);
            assertThat(worker.get("/health/readiness").body()).contains("\"status\":\"UP\"");

            List<String> sent = new ArrayList<>();
            for (int kind = 0; kind < 4; kind++) { // create-customer, create-product, graphql-request, get-current-user
                CommandMix.Sent command = CommandMix.valid(prefix, kind, 4, kind);
                producer.send(prefix + "." + command.command(), command.key(), command.record());
                sent.add(command.commandId());
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> replies.records().size() >= sent.size());

            List<Reply> received = replies.records().stream().map(record -> RunningWorker.decode(record.value())).toList();
            assertThat(received).extracting(Reply::getCommandId).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(received).allSatisfy(reply -> assertThat(reply.getStatus()).as(reply.toString()).isEqualTo(ReplyStatus.SUCCEEDED));
            assertThat(worker.uid()).isEqualTo(Integer.parseInt(image.user().split(":")[0]));
            assertThat(worker.mount("/")).hasValueSatisfying(root -> assertThat(root.split(" ")[1].split(",")).contains("ro"));
            assertThat(worker.mount("/tmp")).hasValueSatisfying(tmp -> assertThat(tmp).startsWith("tmpfs rw"));
            assertThat(worker.logText()).contains("Picked up JAVA_TOOL_OPTIONS: " + image.environment().get("JAVA_TOOL_OPTIONS"));

            ProcessExit exit = worker.terminate(Duration.ofSeconds(60));
            assertThat(exit.code()).as("exit code after SIGTERM").isIn(0, 143);
            List<String> secrets = new ArrayList<>(fluent.issuedTokens());
            secrets.add(fluent.account().password());
            secrets.add(fluent.account().clientSecret());
            assertThat(Secrets.leaks(secrets, List.of(worker.logText()))).as("secrets in the image's log").isEmpty();
        }
    }

    /** What the Helm chart's ConfigMap and Secret references give the container, for a broker and Fluent on loopback. */
    private static Map<String, String> environment(String prefix, String bootstrapServers, List<String> kinds, FluentSimulator fluent) {
        Map<String, String> environment = new HashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        environment.put("FLUENT_HOST", fluent.baseUrl().toString());
        environment.put("FLUENT_USERNAME", fluent.account().username());
        environment.put("FLUENT_PASSWORD", fluent.account().password());
        environment.put("FLUENT_CLIENT_ID", fluent.account().clientId());
        environment.put("FLUENT_CLIENT_SECRET", fluent.account().clientSecret());
        environment.put("WORKER_GROUP_ID", prefix + "-worker");
        environment.put("WORKER_TOPICS_REPLIES", prefix + ".replies");
        for (String kind : kinds) {
            environment.put("WORKER_TOPICS_" + kind.replace('-', '_').toUpperCase(), prefix + "." + kind);
        }
        return environment;
    }

    /** The image unpacked under target/, afresh once per run for all its tests. */
    private static synchronized Path unpacked() {
        if (root == null) {
            root = image.unpack(BASEDIR.resolve("target/image-it/root"));
        }
        return root;
    }

    private static String firstNumber(String text, String key) {
        Matcher value = Pattern.compile(key + ":\\s*(\\d+)").matcher(text);
        assertThat(value.find()).as(key + " in the chart's deployment").isTrue();
        return value.group(1);
    }

    /** What {@code git <arguments>} prints in the project, or empty if it fails. */
    private static Optional<String> git(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        Process git = new ProcessBuilder(command).directory(BASEDIR.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return git.waitFor() == 0 ? Optional.of(output) : Optional.empty();
    }
}
