package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.EventMode;
import io.fluentkafka.worker.avro.EventResult;
import io.fluentkafka.worker.avro.SendEvent;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.Outcome.Detail;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.command.Repeat;
import io.fluentkafka.worker.fluent.EventDraft;
import io.fluentkafka.worker.fluent.EventReceipt;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code send-event}: an event to Fluent's Event API, async (the default) or sync (fluent-api.md §6).
 *
 * <p>Outcomes: async accepted is SENT; sync is EXECUTED when Fluent answers {@code eventStatus} COMPLETE, SENT with
 * any other status that is not final. A sync NO_MATCH or FAILED, and Fluent's 404 "no workflow rule matched", fail
 * the command as FLUENT_REJECTED without a retry (decided in the Fluent client from the status field and the HTTP
 * status, never from a message).
 *
 * <p>Not idempotent: a command that runs again (a crash before its commit, a retry whose answer was lost) sends a
 * second event. Every event carries the command's id as attribute {@value #COMMAND_ID_ATTRIBUTE}, so a workflow
 * can recognise the repeat; a command that sets that attribute itself is refused.
 */
@Singleton
final class SendEventOperation implements Operation<SendEvent> {

    /** The attribute that carries the commandId; the README and the schema document it. */
    static final String COMMAND_ID_ATTRIBUTE = "fkwCommandId";
    /** Fluent's limit for a string with no declared length (fluent-api.md §5). */
    static final int TEXT_MAX = 255;
    /** Fluent refuses requests over 2 MB: the attributes may take this many UTF-8 bytes, JSON-escaped within it. */
    static final int ATTRIBUTES_MAX_BYTES = 900_000;

    private final JsonMapper json;

    SendEventOperation(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String kind() {
        return "send-event";
    }

    @Override
    public Class<SendEvent> commandType() {
        return SendEvent.class;
    }

    @Override
    public Repeat repeat() {
        return Repeat.NOT_IDEMPOTENT;
    }

    @Override
    public void validate(SendEvent command, Checks checks) {
        checks.required("name", command.getName(), TEXT_MAX);
        checks.required("entityType", command.getEntityType(), TEXT_MAX);
        checks.optional("entityRef", command.getEntityRef(), TEXT_MAX);
        checks.optional("entityId", command.getEntityId(), TEXT_MAX);
        checks.optional("entitySubtype", command.getEntitySubtype(), TEXT_MAX);
        checks.optional("rootEntityType", command.getRootEntityType(), TEXT_MAX);
        checks.optional("rootEntityRef", command.getRootEntityRef(), TEXT_MAX);
        checks.optional("rootEntityId", command.getRootEntityId(), TEXT_MAX);
        checks.optionalId("retailerId", command.getRetailerId());
        String attributes = command.getAttributes();
        if (attributes == null || attributes.isBlank()
                || !checks.utf8Bytes("attributes", attributes, ATTRIBUTES_MAX_BYTES, "Fluent refuses requests over 2 MB")) {
            return;
        }
        Map<String, Object> parsed = parseObject(attributes);
        if (parsed == null) {
            checks.add("attributes", "must be a JSON object, e.g. {\"cancelReason\":\"Stolen\"}");
        } else if (parsed.containsKey(COMMAND_ID_ATTRIBUTE)) {
            checks.add("attributes", "must not have the key " + COMMAND_ID_ATTRIBUTE + ": the worker sets it to the commandId");
        }
    }

    @Override
    public CompletableFuture<Succeeded> perform(SendEvent command, Execution execution) {
        EventDraft draft = draft(command);
        return execution.step(() -> execution.fluent().sendEvent(draft))
                .thenApply(receipt -> Succeeded.of(detail(receipt, draft.sync()), result(receipt, command.getMode())));
    }

    /** The event as sent: the command's fields, and its attributes with {@value #COMMAND_ID_ATTRIBUTE} added. */
    EventDraft draft(SendEvent command) {
        String given = command.getAttributes();
        Map<String, Object> attributes = new LinkedHashMap<>(given == null || given.isBlank() ? Map.of() : parseObject(given));
        attributes.put(COMMAND_ID_ATTRIBUTE, command.getCommandId());
        return new EventDraft(command.getName(), command.getEntityType(), command.getEntityRef(), command.getEntityId(),
                command.getEntitySubtype(), command.getRootEntityType(), command.getRootEntityRef(), command.getRootEntityId(),
                command.getRetailerId(), attributes, command.getMode() == EventMode.SYNC);
    }

    private static Detail detail(EventReceipt receipt, boolean sync) {
        return sync && "COMPLETE".equals(receipt.eventStatus()) ? Detail.EXECUTED : Detail.SENT;
    }

    private static EventResult result(EventReceipt receipt, EventMode mode) {
        return new EventResult(receipt.eventId(), receipt.entityId(), receipt.eventStatus(), mode.name());
    }

    /** The attributes as a map, or null when they are not a JSON object. */
    private Map<String, Object> parseObject(String attributes) {
        try {
            return json.readValue(attributes, Argument.mapOf(String.class, Object.class));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
