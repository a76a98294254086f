package io.fluentkafka.worker.fluent;

import io.fluentkafka.worker.support.fluent.FluentSimulator;
import io.fluentkafka.worker.support.fluent.RecordedRequest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link RestPort} against the Fluent simulator over real HTTP: Fluent's Event and Job APIs with the connection's
 * bearer token, and the same status policy and error translation as the GraphQL port.
 */
class RestPortTest {

    private static final Map<String, Object> EVENT = Map.of("name", "CancelOrder", "entityType", "ORDER", "entityRef", "ON-1234",
            "retailerId", "1", "attributes", Map.of("cancelReason", "Stolen Credit Card"));

    private static FluentSimulator simulator;
    private static ApplicationContext context;
    private static RestPort rest;

    @BeforeAll
    static void startPortAgainstSimulator() {
        simulator = FluentSimulator.start();
        context = SimulatorConnections.start(simulator);
        rest = SimulatorConnections.defaultClient(context).rest();
    }

    @AfterAll
    static void stop() {
        context.close();
        simulator.close();
    }

    @BeforeEach
    void resetSimulator() {
        simulator.reset();
    }

    @Test
    void postsAnEventAsJsonWithTheBearerTokenAndReadsFluentsAnswer() {
        JsonNode answer = join(rest.post("/api/v4.1/event/async", EVENT));

        assertThat(answer.get("id").getStringValue()).isNotBlank();
        assertThat(simulator.events()).singleElement().satisfies(event -> assertThat(event).isEqualTo(EVENT));
        RecordedRequest sent = simulator.restRequests().get(0);
        assertThat(sent.authorization()).startsWith("Bearer ");
        assertThat(sent.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void createsAJobAndABatchAndReadsTheBatchBack() {
        String jobId = join(rest.post("/api/v4.1/job", Map.of("name", "inventory", "retailerId", "1"))).get("id").getStringValue();
        Map<String, Object> batch = Map.of("action", "UPSERT", "entityType", "INVENTORY", "catalogueRef", "DEFAULT:1",
                "entities", List.of(Map.of("locationRef", "158", "skuRef", "SKU-1", "qty", 10, "retailerId", 1)));
        String batchId = join(rest.post("/api/v4.1/job/" + jobId + "/batch", batch)).get("id").getStringValue();

        Optional<JsonNode> read = join(rest.get("/api/v4.1/job/" + jobId + "/batch/" + batchId));

        assertThat(read).hasValueSatisfying(node -> {
            assertThat(node.get("batchId").getStringValue()).isEqualTo(batchId);
            assertThat(node.get("jobId").getStringValue()).isEqualTo(jobId);
        });
        assertThat(join(rest.get("/api/v4.1/job/" + jobId + "/batch/999999"))).as("an unknown batch").isEmpty();
    }

    @Test
    void theSimulatorKeepsEveryQuantityAPositionWasSetToInOrder() {
        String jobId = join(rest.post("/api/v4.1/job", Map.of("name", "inventory", "retailerId", "1"))).get("id").getStringValue();
        for (int qty : new int[] {10, 7, 10}) {
            join(rest.post("/api/v4.1/job/" + jobId + "/batch", Map.of("action", "UPSERT", "entityType", "INVENTORY",
                    "catalogueRef", "DEFAULT:1", "entities", List.of(Map.of("locationRef", "158", "skuRef", "SKU-1", "qty", qty)))));
        }

        assertThat(simulator.inventoryHistory("1", "DEFAULT:1", "158", "SKU-1")).containsExactly(10, 7, 10);
        assertThat(simulator.inventory("1", "DEFAULT:1", "158", "SKU-1")).contains(10);
        assertThat(simulator.inventoryHistory("1", "DEFAULT:1", "158", "SKU-2")).isEmpty();
    }

    @Test
    void rejectsABadRequestWithFluentsCodesAndMessages() {
        assertThat(failure(rest.post("/api/v4.1/job", Map.of("name", "inventory"))))
                .isInstanceOfSatisfying(FluentRejectedException.class, rejected -> {
                    assertThat(rejected).hasMessage("Fluent answered HTTP 400: 'retailerId' is required");
                    assertThat(rejected.errors()).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo("NotNull"));
                });
        assertThat(failure(rest.post("/api/v4.1/job/999999/batch", Map.of("action", "UPSERT"))))
                .as("a POST to an unknown job").isInstanceOf(FluentRejectedException.class)
                .hasMessage("Fluent answered HTTP 404: Job not found");
    }

    @Test
    void renewsARefusedTokenOnceAndSendsTheRequestAgain() {
        join(rest.post("/api/v4.1/event/async", EVENT));
        int tokensBefore = simulator.tokenRequests().size();
        simulator.expireAllTokens();

        join(rest.post("/api/v4.1/event/async", EVENT));

        assertThat(simulator.tokenRequests()).hasSize(tokensBefore + 1);
        List<RecordedRequest> sent = simulator.restRequests();
        assertThat(sent).hasSize(3);
        assertThat(sent.get(2).authorization()).isNotEqualTo(sent.get(1).authorization());
        assertThat(simulator.events()).hasSize(2);
    }

    @Test
    void throttlingAndServerErrorsAreUnavailableWithFluentsRetryAfter() {
        simulator.throttleNextRest(1, Duration.ofSeconds(3));
        assertThat(failure(rest.post("/api/v4.1/event/async", EVENT))).isInstanceOfSatisfying(FluentUnavailableException.class,
                unavailable -> assertThat(unavailable.retryAfter()).contains(Duration.ofSeconds(3)));

        simulator.failNextRest(1, 503);
        assertThat(failure(rest.get("/api/v4.1/job/1"))).isInstanceOf(FluentUnavailableException.class)
                .hasMessage("Fluent answered HTTP 503");
        assertThat(simulator.events()).isEmpty();
    }

    @Test
    void refusesAPathThatNamesAnotherHostSoTheTokenNeverLeavesFluent() {
        assertThatThrownBy(() -> rest.get("http://elsewhere.test/api/v4.1/job/1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rest.post("//elsewhere.test/api/v4.1/job", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(simulator.requests()).isEmpty();
    }

    private static <T> T join(CompletableFuture<T> call) {
        try {
            return call.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the call failed", e);
        }
    }

    private static Throwable failure(CompletableFuture<?> call) {
        try {
            call.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return FluentException.causeOf(e.getCause());
        } catch (Exception e) {
            throw new AssertionError("the call did not finish", e);
        }
        throw new AssertionError("the call succeeded");
    }
}
