package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.EventMode;
import io.fluentkafka.worker.avro.SendEvent;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Violation;
import io.fluentkafka.worker.fluent.EventDraft;
import io.fluentkafka.worker.messaging.AvroTrust;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SendEvent's checks name each field Fluent would refuse, before any call; the event carries the commandId. */
class SendEventOperationTest {

    static {
        AvroTrust.ensure(); // a builder reads the mode's default through Avro's class checks
    }

    private final SendEventOperation operation = new SendEventOperation(JsonMapper.createDefault());

    @Test
    void acceptsAFullEvent() {
        SendEvent event = event().setEntityRef("ON-1").setEntityId("12").setEntitySubtype("HD").setRootEntityType("ORDER")
                .setRootEntityRef("ON-1").setRootEntityId("12").setRetailerId("2").setAttributes("{\"cancelReason\":\"Stolen\"}")
                .setMode(EventMode.SYNC).build();

        assertThat(violations(event)).isEmpty();
    }

    @Test
    void requiresANameAndAnEntityType() {
        SendEvent blank = SendEvent.newBuilder().setCommandId("e-1").setName(" ").setEntityType("").build();

        assertThat(violations(blank)).extracting(Violation::toString).containsExactly("name is required", "entityType is required");
    }

    @Test
    void boundsEachTextFieldAndChecksTheRetailerId() {
        String tooLong = "x".repeat(SendEventOperation.TEXT_MAX + 1);
        SendEvent event = event().setName(tooLong).setEntityRef(tooLong).setRootEntityId(" ").setRetailerId("one").build();

        assertThat(violations(event)).extracting(Violation::toString).containsExactly(
                "name is 256 characters long; at most 255 are allowed",
                "entityRef is 256 characters long; at most 255 are allowed",
                "rootEntityId must not be blank when given",
                "retailerId must be a number (digits only), got 'one'");
    }

    @Test
    void refusesAttributesThatAreNotAJsonObject() {
        for (String notAnObject : List.of("[1]", "\"text\"", "null", "{\"a\":", "42")) {
            assertThat(violations(event().setAttributes(notAnObject).build())).as(notAnObject).extracting(Violation::toString)
                    .containsExactly("attributes must be a JSON object, e.g. {\"cancelReason\":\"Stolen\"}");
        }
        String huge = "{\"a\":\"" + "é".repeat(SendEventOperation.ATTRIBUTES_MAX_BYTES / 2) + "\"}";
        assertThat(violations(event().setAttributes(huge).build())).extracting(Violation::toString).containsExactly(
                "attributes is " + (8 + SendEventOperation.ATTRIBUTES_MAX_BYTES) + " bytes long in UTF-8; at most "
                        + SendEventOperation.ATTRIBUTES_MAX_BYTES + " are allowed (Fluent refuses requests over 2 MB)");
    }

    @Test
    void refusesACallersOwnCommandIdAttribute() {
        assertThat(violations(event().setAttributes("{\"fkwCommandId\":\"mine\"}").build())).extracting(Violation::toString)
                .containsExactly("attributes must not have the key fkwCommandId: the worker sets it to the commandId");
    }

    @Test
    void addsTheCommandIdToTheCallersAttributesAndSendsAsyncByDefault() {
        EventDraft draft = operation.draft(event().setAttributes("{\"cancelReason\":\"Stolen\",\"n\":{\"k\":[1,true]}}").build());
        EventDraft bare = operation.draft(event().setMode(EventMode.SYNC).build());

        assertThat(draft.attributes()).containsExactly(Map.entry("cancelReason", "Stolen"), Map.entry("n", Map.of("k", List.of(1, true))),
                Map.entry("fkwCommandId", "e-1"));
        assertThat(draft.sync()).isFalse();
        assertThat(bare.attributes()).containsExactly(Map.entry("fkwCommandId", "e-1"));
        assertThat(bare.sync()).isTrue();
        assertThat(bare.retailerId()).as("the connection's, resolved by the Fluent client").isNull();
    }

    private List<Violation> violations(SendEvent command) {
        Checks checks = new Checks();
        operation.validate(command, checks);
        return checks.violations();
    }

    private static SendEvent.Builder event() {
        return SendEvent.newBuilder().setCommandId("e-1").setName("CancelOrder").setEntityType("ORDER");
    }
}
