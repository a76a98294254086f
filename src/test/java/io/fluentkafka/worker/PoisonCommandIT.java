package io.fluentkafka.worker;

import io.fluentkafka.worker.avro.CreateCustomer;
import io.fluentkafka.worker.avro.ErrorCategory;
import io.fluentkafka.worker.avro.GetCurrentUser;
import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.support.RunningWorker;
import io.fluentkafka.worker.support.logging.CapturedLogs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every failure path ends, on a real broker with the Fluent simulator: a command that Fluent fails every time while
 * it answers everything else (a poison command) is dead-lettered in bounded time instead of taking its connection
 * down again and again; and health says why a connection is down by category, never naming the account.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoisonCommandIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningWorker worker;

    @BeforeAll
    static void start() {
        worker = RunningWorker.start("poison", Map.of(
                // a budget of 5 attempts spans 0.8 to 1.6 s, so commands that resume with the poison one finish
                // before its third attempt: without the bound, it would take the connection down every time
                "worker.retry.initial-delay", "200ms",
                "worker.retry.max-delay", "500ms",
                "worker.outage.probe-initial-delay", "500ms",
                "worker.outage.probe-max-delay", "2s",
                // Fluent refuses these credentials (see the health test)
                "fluent.connections.second.password", "not-the-password"));
    }

    @AfterAll
    static void stop() throws Exception {
        worker.close();
    }

    @AfterEach
    void clearFaults() {
        worker.fluent().failGraphQlContaining(null, 503);
    }

    @Test
    @Order(1)
    void deadLettersACommandThatKeepsTakingItsConnectionDownWhileOthersSucceed() throws Exception {
        String run = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        String poisonEmail = run + "-poison@example.com";
        String poisonId = run + "-poison";
        worker.fluent().failGraphQlContaining(poisonEmail, 503);
        List<String> before = sendCustomers(run + "-before", 5);
        before.forEach(id -> assertThat(worker.awaitReply(id).getStatus()).isEqualTo(ReplyStatus.SUCCEEDED));

        long sent = System.nanoTime();
        worker.producer().send(worker.topic("create-customer"), poisonEmail, customer(poisonId, poisonEmail));
        HttpResponse<String> down = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                .until(() -> get("/health/readiness"), response -> response.statusCode() == 503);
        List<String> during = sendCustomers(run + "-during", 5);

        Reply poison = await().atMost(Duration.ofSeconds(30)).until(() -> worker.findReply(poisonId), Optional::isPresent).get();
        long tookMs = (System.nanoTime() - sent) / 1_000_000;
        assertThat(poison.getStatus()).isEqualTo(ReplyStatus.FAILED);
        assertThat(poison.getError().getCategory()).isEqualTo(ErrorCategory.FLUENT_UNAVAILABLE);
        assertThat(poison.getError().getMessage())
                .contains("took connection 'default' down 2 time(s) while Fluent answered its probe; last error: Fluent answered HTTP 503");
        ConsumerRecord<byte[], byte[]> deadLetter = worker.awaitDeadLetter("create-customer", "dlt.command-id", poisonId);
        assertThat(RunningWorker.header(deadLetter, "dlt.error.category")).isEqualTo("FLUENT_UNAVAILABLE");
        during.forEach(id -> assertThat(worker.awaitReply(id).getStatus()).as("a command sent during its outage").isEqualTo(ReplyStatus.SUCCEEDED));

        assertThat(down.body()).contains("\"reason\":\"UNAVAILABLE\"");
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/health/readiness").statusCode() == 200);
        String after = sendCustomers(run + "-after", 1).get(0);
        assertThat(worker.awaitReply(after).getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        long poisonCalls = worker.fluent().graphQlRequests().stream().filter(r -> r.body().contains(poisonEmail)).count();
        assertThat(poisonCalls).as("calls Fluent saw for the poison command").isEqualTo(poison.getAttempts());
        System.out.printf("GUARANTEE poison bound: a command Fluent always failed was dead-lettered after %d attempts and %d ms, "
                + "having taken its connection down twice; %d other commands succeeded%n", poison.getAttempts(), tookMs,
                before.size() + during.size() + 1);
    }

    @Test
    @Order(2)
    void healthShowsRefusedCredentialsAsACategoryWithoutTheAccountName() throws Exception {
        int logsBefore = CapturedLogs.lines().size();
        String username = worker.fluent().account().username();
        worker.producer().send(worker.topic("get-current-user"), "refused",
                GetCurrentUser.newBuilder().setCommandId("refused-" + UUID.randomUUID()).setConnection("second").build());

        HttpResponse<String> health = await().atMost(Duration.ofSeconds(20))
                .until(() -> get("/health"), response -> response.body().contains("CREDENTIALS_REJECTED"));

        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("\"second\"").contains("\"since\"").doesNotContain(username).doesNotContain("refused a token");
        List<String> logs = new ArrayList<>(CapturedLogs.lines().subList(logsBefore, CapturedLogs.lines().size()));
        assertThat(logs).as("what the worker logged meanwhile").isNotEmpty().noneMatch(line -> line.contains(username));
    }

    private static List<String> sendCustomers(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            String id = prefix + "-" + n;
            String email = id + "@example.com";
            worker.producer().sendLater(worker.topic("create-customer"), email, customer(id, email));
            ids.add(id);
        }
        worker.producer().flush();
        return ids;
    }

    private static CreateCustomer customer(String commandId, String email) {
        return CreateCustomer.newBuilder().setCommandId(commandId).setPrimaryEmail(email).setFirstName("Pat").build();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        URI uri = worker.server().getURL().toURI().resolve(path);
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
