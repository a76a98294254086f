package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.EventMode;
import io.fluentkafka.worker.avro.EventResult;
import io.fluentkafka.worker.avro.SendEvent;
import io.fluentkafka.worker.command.Document;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.command.Outcome.Detail;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.fluent.FluentClient;
import io.fluentkafka.worker.fluent.FluentException;
import io.fluentkafka.worker.fluent.FluentRejectedException;
import io.fluentkafka.worker.fluent.SimulatorConnections;
import io.fluentkafka.worker.messaging.AvroTrust;
import io.fluentkafka.worker.support.fluent.FluentSimulator;
import io.fluentkafka.worker.support.fluent.RecordedRequest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SendEvent's request as Fluent's Event API takes it (fluent-api.md §6), against the simulator over HTTP: the body,
 * the path per mode, the retailer fallback, and what each answer becomes.
 */
class SendEventRequestTest {

    static {
        AvroTrust.ensure();
    }

    private static FluentSimulator simulator;
    private static ApplicationContext context;
    private static Execution execution;
    private final SendEventOperation operation = new SendEventOperation(JsonMapper.createDefault());

    @BeforeAll
    static void startAgainstSimulator() {
        simulator = FluentSimulator.start();
        context = SimulatorConnections.start(simulator);
        execution = on(SimulatorConnections.defaultClient(context));
    }

    /** Each step run once: retries are the Retrier's, tested on their own. */
    private static Execution on(FluentClient client) {
        return new Execution() {
            @Override
            public FluentClient fluent() {
                return client;
            }

            @Override
            public <T> CompletableFuture<T> step(Supplier<CompletableFuture<T>> call) {
                return call.get();
            }

            @Override
            public Document document(String kind, String field) {
                throw new UnsupportedOperationException("send-event sends no GraphQL document");
            }

            @Override
            public boolean abandoned() {
                return false;
            }

            @Override
            public CompletionStage<Void> waitingOver() {
                return new CompletableFuture<>(); // never: this execution may always wait
            }
        };
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
    void postsFluentsEventBodyAsyncWithTheCommandIdAttributeAndTheConnectionsRetailer() {
        Succeeded outcome = perform(cancelOrder("e-1").build());

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "CancelOrder");
        expected.put("retailerId", simulator.account().retailerId());
        expected.put("entityId", "1234");
        expected.put("entityRef", "ON-1234");
        expected.put("entityType", "ORDER");
        expected.put("rootEntityType", "ORDER");
        expected.put("rootEntityRef", "ON-1234");
        expected.put("attributes", Map.of("cancelReason", "Stolen Credit Card", "fkwCommandId", "e-1"));
        assertThat(simulator.events()).singleElement().isEqualTo(expected);
        RecordedRequest sent = simulator.restRequests().get(0);
        assertThat(sent.path()).isEqualTo("/api/v4.1/event/async");
        assertThat(sent.body()).doesNotContain("entitySubtype").doesNotContain("rootEntityId").doesNotContain("null");
        assertThat(outcome.detail()).isEqualTo(Detail.SENT);
        EventResult result = (EventResult) outcome.result();
        assertThat(result.getEventId()).isNotBlank();
        assertThat(result.getEventStatus()).isNull();
        assertThat(result.getMode()).isEqualTo("ASYNC");
    }

    @Test
    void sendsSyncToTheSyncEndpointAndRepliesWithTheWorkflowsStatus() {
        Succeeded outcome = perform(cancelOrder("e-2").setMode(EventMode.SYNC).setRetailerId("7").build());

        assertThat(simulator.restRequests()).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/api/v4.1/event/sync"));
        assertThat(simulator.events()).singleElement().satisfies(event -> assertThat(event).containsEntry("retailerId", "7"));
        assertThat(outcome.detail()).isEqualTo(Detail.EXECUTED);
        EventResult result = (EventResult) outcome.result();
        assertThat(result.getEventId()).isNotBlank();
        assertThat(result.getEntityId()).isEqualTo("1234");
        assertThat(result.getEventStatus()).isEqualTo("COMPLETE");
        assertThat(result.getMode()).isEqualTo("SYNC");
    }

    @Test
    void aSyncStatusThatIsNotFinalIsSent() {
        simulator.syncEventStatus("PENDING");

        Succeeded outcome = perform(cancelOrder("e-3").setMode(EventMode.SYNC).build());

        assertThat(outcome.detail()).isEqualTo(Detail.SENT);
        assertThat(((EventResult) outcome.result()).getEventStatus()).isEqualTo("PENDING");
    }

    @Test
    void aSyncNoMatchOrFailedStatusAndFluentsNoRule404AreRejections() {
        simulator.syncEventStatus("NO_MATCH");
        assertThat(failure(cancelOrder("e-4").setMode(EventMode.SYNC).build())).isInstanceOfSatisfying(FluentRejectedException.class,
                rejected -> {
                    assertThat(rejected.getMessage()).startsWith("Fluent answered eventStatus NO_MATCH: no workflow rule matched the event (event ");
                    assertThat(rejected.errors()).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo("NO_MATCH"));
                });
        simulator.syncEventStatus("FAILED");
        assertThat(failure(cancelOrder("e-5").setMode(EventMode.SYNC).build())).isInstanceOf(FluentRejectedException.class)
                .hasMessageStartingWith("Fluent answered eventStatus FAILED: the event's workflow failed");

        simulator.syncEventsMatchNoRule(true);
        assertThat(failure(cancelOrder("e-6").setMode(EventMode.SYNC).build())).isInstanceOf(FluentRejectedException.class)
                .hasMessage("Fluent answered HTTP 404: No workflow rule matched this event");
    }

    @Test
    void failsClearlyWhenNoRetailerIsKnown() {
        simulator.primaryRetailer(false);

        try (ApplicationContext fresh = SimulatorConnections.start(simulator)) { // the connection caches a retailer it found
            Throwable failure = failure(cancelOrder("e-7").build(), on(SimulatorConnections.defaultClient(fresh)));

            assertThat(failure).isInstanceOf(FluentRejectedException.class).hasMessage("no retailer for the event: the command "
                    + "has no retailerId, connection 'default' has no retailer-id, and its Fluent user has no primary retailer");
        }
        assertThat(simulator.events()).isEmpty();
    }

    private static SendEvent.Builder cancelOrder(String commandId) {
        return SendEvent.newBuilder().setCommandId(commandId).setName("CancelOrder").setEntityType("ORDER").setEntityRef("ON-1234")
                .setEntityId("1234").setRootEntityType("ORDER").setRootEntityRef("ON-1234")
                .setAttributes("{\"cancelReason\":\"Stolen Credit Card\"}");
    }

    private Succeeded perform(SendEvent command) {
        try {
            return operation.perform(command, execution).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the event was not sent", e);
        }
    }

    private Throwable failure(SendEvent command) {
        return failure(command, execution);
    }

    private Throwable failure(SendEvent command, Execution on) {
        try {
            operation.perform(command, on).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return FluentException.causeOf(e.getCause());
        } catch (Exception e) {
            throw new AssertionError("the call did not finish", e);
        }
        throw new AssertionError("the event was accepted");
    }
}
