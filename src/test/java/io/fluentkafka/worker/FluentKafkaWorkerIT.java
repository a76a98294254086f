package io.fluentkafka.worker;

import io.fluentkafka.worker.avro.CreateCustomer;
import io.fluentkafka.worker.avro.CreateProduct;
import io.fluentkafka.worker.avro.ErrorCategory;
import io.fluentkafka.worker.avro.GetCurrentUser;
import io.fluentkafka.worker.avro.GetCustomerByEmail;
import io.fluentkafka.worker.avro.GraphQlRequest;
import io.fluentkafka.worker.avro.GraphQlResult;
import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.ReplyDetail;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.avro.UserResult;
import io.fluentkafka.worker.support.RunningWorker;
import io.fluentkafka.worker.support.fluent.RecordedRequest;
import io.fluentkafka.worker.support.logging.CapturedLogs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every command kind shares, end to end (Avro on a real broker, the worker, the Fluent simulator over HTTP):
 * graphql-request and get-current-user, validation failures and Fluent's refusals as dead letters, tokens, undecodable
 * records, reply routing, connections, retries, health, metrics and secrets. Each command family has its own IT:
 * {@link CustomerCommandsIT}, {@link ProductCreationIT} and {@link ProductCommandsIT}, {@link OrderCommandsIT},
 * {@link EventCommandsIT}, {@link InventoryIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FluentKafkaWorkerIT {

    private static RunningWorker worker;

    @BeforeAll
    static void start() {
        worker = RunningWorker.start("e2e");
    }

    @AfterAll
    static void stop() throws Exception {
        worker.close();
    }

    @Test
    void runsTheDefaultGraphQlQuery() {
        String id = newId();
        worker.producer().send(worker.topic("graphql-request"), "q-1", GraphQlRequest.newBuilder().setCommandId(id).build());

        Reply reply = worker.awaitReply(id);

        assertThat(reply.getDetail()).isEqualTo(ReplyDetail.EXECUTED);
        assertThat(((GraphQlResult) reply.getResult()).getJson()).contains("\"username\":\"worker@acme.test\"");
    }

    @Test
    void passesGraphQlVariablesThrough() {
        String id = newId();
        worker.producer().send(worker.topic("graphql-request"), "q-2", GraphQlRequest.newBuilder().setCommandId(id)
                .setQuery("query Find($emails: [String]) { customers(primaryEmail: $emails) { edges { node { id } } } }")
                .setVariables("{\"emails\":[\"nobody@example.com\"]}").setOperationName("Find").build());

        Reply reply = worker.awaitReply(id);

        assertThat(reply.getDetail()).isEqualTo(ReplyDetail.EXECUTED);
        RecordedRequest sent = worker.lastGraphQl("Find");
        assertThat(sent.variables()).isEqualTo(Map.of("emails", List.of("nobody@example.com")));
        assertThat(sent.operationName()).isEqualTo("Find");
    }

    @Test
    void returnsTheCurrentUser() {
        String id = newId();
        worker.producer().send(worker.topic("get-current-user"), "me", GetCurrentUser.newBuilder().setCommandId(id).build());

        Reply reply = worker.awaitReply(id);

        assertThat(reply.getDetail()).isEqualTo(ReplyDetail.FOUND);
        UserResult user = (UserResult) reply.getResult();
        assertThat(user.getUsername()).isEqualTo("worker@acme.test");
        assertThat(user.getPrimaryRetailerId()).isEqualTo("1");
    }

    @Test
    void rejectsInvalidCommandBeforeCallingFluentAndDeadLettersIt() {
        String id = newId();
        int graphQlCallsBefore = worker.fluent().graphQlRequests().size();
        worker.producer().send(worker.topic("create-customer"), "bad", CreateCustomer.newBuilder()
                .setCommandId(id).setPrimaryEmail("not-an-email").setFirstName("X").setRetailerId("abc").build());

        Reply reply = worker.awaitReply(id);
        ConsumerRecord<byte[], byte[]> deadLetter = worker.awaitDeadLetter("create-customer", "dlt.command-id", id);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.FAILED);
        assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.VALIDATION);
        assertThat(reply.getError().getMessage()).contains("primaryEmail is not a valid email address").contains("retailerId must be a number");
        assertThat(reply.getAttempts()).isZero();
        assertThat(RunningWorker.header(deadLetter, "dlt.error.category")).isEqualTo("VALIDATION");
        assertThat(RunningWorker.header(deadLetter, "dlt.error.stage")).isEqualTo("validate");
        assertThat(RunningWorker.header(deadLetter, "dlt.original.topic")).isEqualTo(worker.topic("create-customer"));
        assertThat(RunningWorker.header(deadLetter, "dlt.original.consumer-group")).isEqualTo("e2e-worker");
        assertThat(RunningWorker.header(deadLetter, "dlt.original.offset")).matches("\\d+");
        assertThat(new String(deadLetter.key(), StandardCharsets.UTF_8)).isEqualTo("bad");
        assertThat(worker.fluent().graphQlRequests().stream().skip(graphQlCallsBefore)
                .anyMatch(r -> r.body().contains("not-an-email"))).isFalse();
    }

    @Test
    void failsAndDeadLettersWhatFluentRejects() {
        String id = newId();
        worker.producer().send(worker.topic("create-product"), "SKU-X", CreateProduct.newBuilder()
                .setCommandId(id).setCatalogueRef("PC:NOPE").setRef("SKU-X").setName("Ghost").setGtin("1").build());

        Reply reply = worker.awaitReply(id);
        ConsumerRecord<byte[], byte[]> deadLetter = worker.awaitDeadLetter("create-product", "dlt.command-id", id);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.FAILED);
        assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.FLUENT_REJECTED);
        assertThat(reply.getError().getFluentErrors()).anySatisfy(e -> assertThat(e.getCode()).isEqualTo("C0120E"));
        assertThat(reply.getAttempts()).isEqualTo(1);
        assertThat(RunningWorker.header(deadLetter, "dlt.error.stage")).isEqualTo("fluent");
        assertThat(RunningWorker.header(deadLetter, "dlt.error.class")).endsWith("FluentRejectedException");
    }

    /** Fluent's duplicate error quotes the username; text in it that looks like a token error must not renew tokens. */
    @Test
    void aDuplicateWhoseUsernameQuotesTokenErrorTextIsNotATokenExpiry() {
        runCurrentUser();
        String email = "invalid_token.S0040E.access-token-expired@example.com";
        int tokenRequestsBefore = worker.fluent().tokenRequests().size();
        List<String> ids = IntStream.range(0, 3).mapToObj(i -> newId()).toList();
        ids.forEach(id -> worker.producer().send(worker.topic("create-customer"), email,
                CreateCustomer.newBuilder().setCommandId(id).setPrimaryEmail(email).setFirstName("Tok").build()));

        List<Reply> replies = ids.stream().map(worker::awaitReply).toList();

        assertThat(replies).extracting(Reply::getDetail)
                .containsExactly(ReplyDetail.CREATED, ReplyDetail.ALREADY_EXISTS, ReplyDetail.ALREADY_EXISTS);
        assertThat(worker.fluent().tokenRequests().size() - tokenRequestsBefore).as("token requests").isZero();
    }

    @Test
    void renewsAnExpiredTokenOnceWithoutFailingACommand() {
        runCurrentUser();
        for (boolean inBody : new boolean[] {false, true}) {
            worker.fluent().expiredTokenInBody(inBody);
            worker.fluent().expireAllTokens();
            int tokenRequestsBefore = worker.fluent().tokenRequests().size();

            List<String> ids = IntStream.range(0, 5).mapToObj(i -> newId()).toList();
            ids.forEach(id -> worker.producer().send(worker.topic("get-current-user"), id, GetCurrentUser.newBuilder().setCommandId(id).build()));

            assertThat(ids).allSatisfy(id -> assertThat(worker.awaitReply(id).getStatus()).isEqualTo(ReplyStatus.SUCCEEDED));
            assertThat(worker.fluent().tokenRequests().size() - tokenRequestsBefore).as("token requests (in body: %s)", inBody).isEqualTo(1);
        }
        worker.fluent().expiredTokenInBody(false);
    }

    @Test
    void requestsOneTokenWhenManyCommandsNeedOneAtOnce() {
        int tokenRequestsBefore = worker.fluent().tokenRequests().size();
        List<String> ids = IntStream.range(0, 30).mapToObj(i -> newId()).toList();
        ids.forEach(id -> worker.producer().send(worker.topic("get-current-user"), id,
                GetCurrentUser.newBuilder().setCommandId(id).setConnection("second").build()));

        assertThat(ids).allSatisfy(id -> assertThat(worker.awaitReply(id).getStatus()).isEqualTo(ReplyStatus.SUCCEEDED));
        assertThat(worker.fluent().tokenRequests().size() - tokenRequestsBefore).isEqualTo(1);
    }

    @Test
    void deadLettersAnUndecodableRecordAndGoesOnWithTheNextOne() {
        byte[] garbage = new byte[64];
        new Random(7).nextBytes(garbage);
        worker.producer().sendRaw(worker.topic("get-current-user"), "same-key", garbage, new RecordHeaders());
        String good = newId();
        worker.producer().send(worker.topic("get-current-user"), "same-key", GetCurrentUser.newBuilder().setCommandId(good).build());

        assertThat(worker.awaitReply(good).getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        ConsumerRecord<byte[], byte[]> deadLetter = await().atMost(Duration.ofSeconds(30)).until(
                () -> worker.records(worker.topic("get-current-user") + ".dlt").stream()
                        .filter(r -> java.util.Arrays.equals(r.value(), garbage)).findFirst(), java.util.Optional::isPresent).get();
        assertThat(RunningWorker.header(deadLetter, "dlt.error.stage")).isEqualTo("decode");
        assertThat(RunningWorker.header(deadLetter, "dlt.error.message")).contains("not Avro single-object encoding");
    }

    @Test
    void deadLettersAnotherCommandsSchemaOnTheWrongTopic() {
        String id = newId();
        worker.producer().send(worker.topic("get-current-user"), "wrong", GetCustomerByEmail.newBuilder().setCommandId(id).setPrimaryEmail("a@b.co").build());

        ConsumerRecord<byte[], byte[]> deadLetter = await().atMost(Duration.ofSeconds(30)).until(
                () -> worker.records(worker.topic("get-current-user") + ".dlt").stream()
                        .filter(r -> r.key() != null && "wrong".equals(new String(r.key(), StandardCharsets.UTF_8))).findFirst(),
                java.util.Optional::isPresent).get();
        assertThat(RunningWorker.header(deadLetter, "dlt.error.message")).contains("is a GetCustomerByEmail command, but this topic carries GetCurrentUser");
    }

    @Test
    void repliesToTheReplyTopicHeaderAndEchoesTheCorrelationHeader() {
        String id = newId();
        String replyTopic = "e2e.custom-replies";
        io.fluentkafka.worker.support.kafka.KafkaBroker.createTopics(replyTopic);
        worker.producer().send(worker.topic("get-current-user"), "hdr", GetCurrentUser.newBuilder().setCommandId(id).build(),
                Map.of("kafka_replyTopic", replyTopic, "kafka_correlationId", "abc-123"));

        ConsumerRecord<byte[], byte[]> reply = await().atMost(Duration.ofSeconds(30)).until(
                () -> worker.records(replyTopic).stream().filter(r -> RunningWorker.decode(r.value()).getCommandId().equals(id)).findFirst(),
                java.util.Optional::isPresent).get();
        assertThat(RunningWorker.header(reply, "kafka_correlationId")).isEqualTo("abc-123");
        assertThat(new String(reply.key(), StandardCharsets.UTF_8)).isEqualTo("hdr");
        assertThat(worker.findReply(id)).isEmpty();
    }

    @Test
    void failsACommandNamingAnUnknownConnection() {
        String id = newId();
        worker.producer().send(worker.topic("get-current-user"), "conn", GetCurrentUser.newBuilder().setCommandId(id).setConnection("eu").build());

        Reply reply = worker.awaitReply(id);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.FAILED);
        assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(reply.getError().getMessage()).contains("connection 'eu' is not configured");
        worker.awaitDeadLetter("get-current-user", "dlt.command-id", id);
    }

    @Test
    void retriesTransientFailuresAndSucceeds() {
        runCurrentUser();
        worker.fluent().failNextGraphQl(2, 503);
        String id = newId();
        worker.producer().send(worker.topic("get-current-user"), "retry", GetCurrentUser.newBuilder().setCommandId(id).build());

        Reply reply = worker.awaitReply(id);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        assertThat(reply.getAttempts()).isEqualTo(3);
    }

    @Test
    void servesHealthEndpoints() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/health", "/health/liveness", "/health/readiness")) {
            URI uri = URI.create("http://127.0.0.1:" + worker.server().getPort() + path);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void publishesPrometheusMetrics() throws Exception {
        runCurrentUser();
        String invalid = newId();
        worker.producer().send(worker.topic("create-customer"), invalid, CreateCustomer.newBuilder()
                .setCommandId(invalid).setPrimaryEmail("not-an-email").setFirstName("Bad").build());
        worker.awaitReply(invalid);
        URI uri = URI.create("http://127.0.0.1:" + worker.server().getPort() + "/prometheus");

        String metrics = await().atMost(Duration.ofSeconds(10)).until(() -> HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body(),
                body -> body.contains("worker_commands_total{outcome=\"SUCCEEDED\",type=\"GET_CURRENT_USER\"}")
                        && body.contains("worker_commands_total{outcome=\"FAILED\",type=\"CREATE_CUSTOMER\"}"));

        assertThat(metrics)
                .contains("worker_dead_letters_total{category=\"VALIDATION\",type=\"CREATE_CUSTOMER\"}")
                .contains("fluent_calls_seconds_bucket{connection=\"default\",operation=\"me\",status=\"200\"")
                .contains("fluent_token_requests_total{connection=\"default\",outcome=\"granted\"}")
                .contains("fluent_connection_up{connection=\"default\"} 1.0")
                .contains("worker_commands_in_flight ")
                .contains("worker_commands_buffered ")
                .contains("worker_consumer_lag ")
                .contains("kafka_consumer_fetch_manager_records_lag_max");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void neverLogsOrPublishesPasswordsSecretsOrTokens() {
        assertThat(worker.fluent().issuedTokens()).isNotEmpty();
        assertThat(CapturedLogs.lines()).isNotEmpty();
        assertThat(worker.secretLeaks()).isEmpty();
    }

    private static void runCurrentUser() {
        String id = newId();
        worker.producer().send(worker.topic("get-current-user"), id, GetCurrentUser.newBuilder().setCommandId(id).build());
        worker.awaitReply(id);
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
