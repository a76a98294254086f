package io.fluentkafka.worker;

import io.fluentkafka.worker.avro.CommandType;
import io.fluentkafka.worker.avro.ErrorCategory;
import io.fluentkafka.worker.avro.EventMode;
import io.fluentkafka.worker.avro.EventResult;
import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.ReplyDetail;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.avro.SendEvent;
import io.fluentkafka.worker.support.RunningWorker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * send-event end to end (Avro on a real broker, the worker, the Fluent simulator's Event API over HTTP): async and
 * sync events, the definitive failures, validation and a retry that sends the event once.
 */
class EventCommandsIT {

    private static RunningWorker worker;

    @BeforeAll
    static void start() {
        worker = RunningWorker.start("events");
    }

    @AfterAll
    static void stop() throws Exception {
        worker.close();
    }

    @Test
    void sendsAnAsyncEventAndASyncEventThatRepliesWithItsStatus() {
        String async = newId();
        String sync = newId();
        worker.producer().send(worker.topic("send-event"), "ON-1", cancelOrder(async).setAttributes("{\"cancelReason\":\"Stolen\"}").build());
        worker.producer().send(worker.topic("send-event"), "ON-1", cancelOrder(sync).setEntityId("143").setMode(EventMode.SYNC).build());

        Reply sent = worker.awaitReply(async);
        Reply executed = worker.awaitReply(sync);

        assertThat(sent.getCommandType()).isEqualTo(CommandType.SEND_EVENT);
        assertThat(sent.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        assertThat(sent.getDetail()).isEqualTo(ReplyDetail.SENT);
        assertThat((EventResult) sent.getResult()).satisfies(result -> {
            assertThat(result.getEventId()).isNotBlank();
            assertThat(result.getMode()).isEqualTo("ASYNC");
        });
        assertThat(eventsOf(async)).singleElement().satisfies(event -> assertThat(event)
                .containsEntry("name", "CancelOrder").containsEntry("entityType", "ORDER").containsEntry("entityRef", "ON-1")
                .containsEntry("retailerId", "1").containsEntry("attributes", Map.of("cancelReason", "Stolen", "fkwCommandId", async)));
        assertThat(executed.getDetail()).isEqualTo(ReplyDetail.EXECUTED);
        assertThat((EventResult) executed.getResult()).satisfies(result -> {
            assertThat(result.getEventStatus()).isEqualTo("COMPLETE");
            assertThat(result.getEntityId()).isEqualTo("143");
            assertThat(result.getMode()).isEqualTo("SYNC");
        });
        assertThat(worker.fluent().restRequests()).filteredOn(r -> r.body().contains(sync)).singleElement()
                .satisfies(r -> assertThat(r.path()).isEqualTo("/api/v4.1/event/sync"));
    }

    @Test
    void failsAndDeadLettersASyncEventNoWorkflowRuleMatchesWithoutRetrying() {
        String noMatch = newId();
        String notFound = newId();
        try {
            worker.fluent().syncEventStatus("NO_MATCH");
            worker.producer().send(worker.topic("send-event"), "ON-2", cancelOrder(noMatch).setMode(EventMode.SYNC).build());
            Reply noMatchReply = worker.awaitReply(noMatch);
            worker.fluent().syncEventsMatchNoRule(true);
            worker.producer().send(worker.topic("send-event"), "ON-2", cancelOrder(notFound).setMode(EventMode.SYNC).build());
            Reply notFoundReply = worker.awaitReply(notFound);

            assertThat(List.of(noMatchReply, notFoundReply)).allSatisfy(reply -> {
                assertThat(reply.getStatus()).isEqualTo(ReplyStatus.FAILED);
                assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.FLUENT_REJECTED);
                assertThat(reply.getAttempts()).isEqualTo(1);
            });
            assertThat(noMatchReply.getError().getFluentErrors()).singleElement().satisfies(e -> assertThat(e.getCode()).isEqualTo("NO_MATCH"));
            assertThat(notFoundReply.getError().getMessage()).startsWith("Fluent answered HTTP 404");
            assertThat(RunningWorker.header(worker.awaitDeadLetter("send-event", "dlt.command-id", notFound), "dlt.error.stage")).isEqualTo("fluent");
            assertThat(eventsOf(noMatch)).hasSize(1);
        } finally {
            worker.fluent().syncEventStatus("COMPLETE");
            worker.fluent().syncEventsMatchNoRule(false);
        }
    }

    @Test
    void refusesAnEventWithoutANameOrWithAttributesThatAreNotAnObjectBeforeCallingFluent() {
        String id = newId();
        worker.producer().send(worker.topic("send-event"), "ON-3", cancelOrder(id).setName(" ")
                .setAttributes("{\"fkwCommandId\":\"mine\"}").build());

        Reply reply = worker.awaitReply(id);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.FAILED);
        assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.VALIDATION);
        assertThat(reply.getError().getMessage()).contains("name is required").contains("attributes must not have the key fkwCommandId");
        assertThat(reply.getAttempts()).isZero();
        assertThat(RunningWorker.header(worker.awaitDeadLetter("send-event", "dlt.command-id", id), "dlt.error.stage")).isEqualTo("validate");
        assertThat(worker.fluent().restRequests()).noneMatch(r -> r.body().contains(id));
    }

    @Test
    void retriesAnEventAfterTransientFaultsAndSendsItOnce() {
        worker.fluent().failNextRest(1, 503);
        worker.fluent().throttleNextRest(1, Duration.ofSeconds(1));
        String id = newId();
        worker.producer().send(worker.topic("send-event"), "ON-4", cancelOrder(id).build());

        Reply reply = worker.awaitReply(id);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        assertThat(reply.getDetail()).isEqualTo(ReplyDetail.SENT);
        assertThat(reply.getAttempts()).isEqualTo(3);
        assertThat(eventsOf(id)).as("the faults answered before Fluent took the event").hasSize(1);
    }

    private static SendEvent.Builder cancelOrder(String commandId) {
        return SendEvent.newBuilder().setCommandId(commandId).setName("CancelOrder").setEntityType("ORDER").setEntityRef("ON-1");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> eventsOf(String commandId) {
        return worker.fluent().events().stream()
                .filter(event -> commandId.equals(((Map<String, Object>) event.get("attributes")).get("fkwCommandId"))).toList();
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
