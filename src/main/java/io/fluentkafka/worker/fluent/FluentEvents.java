package io.fluentkafka.worker.fluent;

import io.micronaut.json.tree.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fluent's Event API (fluent-api.md §6), as pure translation: the request body of an {@link EventDraft}, and what
 * Fluent's answer means.
 *
 * <p>Contract: a sync answer whose {@code eventStatus} is {@code NO_MATCH} (no workflow rule matched the event) or
 * {@code FAILED} (the workflow failed) is a {@link FluentRejectedException}: definitive, never retried, decided from
 * that structured field alone. An answer with any other status, or none, is a receipt. A 404 from the sync endpoint
 * (Fluent's "no workflow rule matched") is rejected by its status before it gets here, as every final 4xx is.
 */
final class FluentEvents {

    static final String ASYNC_PATH = "/api/v4.1/event/async";
    static final String SYNC_PATH = "/api/v4.1/event/sync";
    private static final Set<String> REFUSED_STATUSES = Set.of("NO_MATCH", "FAILED");

    private FluentEvents() {
    }

    /** The body: the draft's fields that are present, in the order of Fluent's example, with the resolved retailer. */
    static Map<String, Object> body(EventDraft draft, String retailerId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", draft.name());
        body.put("retailerId", retailerId);
        putIfPresent(body, "entityId", draft.entityId());
        putIfPresent(body, "entityRef", draft.entityRef());
        body.put("entityType", draft.entityType());
        putIfPresent(body, "entitySubtype", draft.entitySubtype());
        putIfPresent(body, "rootEntityType", draft.rootEntityType());
        putIfPresent(body, "rootEntityId", draft.rootEntityId());
        putIfPresent(body, "rootEntityRef", draft.rootEntityRef());
        body.put("attributes", draft.attributes());
        return body;
    }

    /** The receipt of an accepted event; throws {@link FluentRejectedException} for a refused sync status. */
    static EventReceipt receipt(JsonNode answer, boolean sync) {
        String eventId = text(answer, "eventId");
        EventReceipt receipt = new EventReceipt(eventId != null ? eventId : text(answer, "id"), text(answer, "entityId"),
                sync ? text(answer, "eventStatus") : null);
        if (receipt.eventStatus() != null && REFUSED_STATUSES.contains(receipt.eventStatus())) {
            String what = receipt.eventStatus().equals("NO_MATCH") ? "no workflow rule matched the event" : "the event's workflow failed";
            String message = "Fluent answered eventStatus " + receipt.eventStatus() + ": " + what
                    + (receipt.eventId() == null ? "" : " (event " + receipt.eventId() + ")");
            throw new FluentRejectedException(message, List.of(new FluentError(message, receipt.eventStatus(), null)));
        }
        return receipt;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null || !node.isObject() ? null : node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.coerceStringValue();
    }

    private static void putIfPresent(Map<String, Object> body, String field, Object value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
