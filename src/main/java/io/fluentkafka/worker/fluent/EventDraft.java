package io.fluentkafka.worker.fluent;

import java.util.Map;

/**
 * An event for Fluent's Event API (fluent-api.md §6), as validated by its command. Optional fields are null when
 * absent and are then left out of the request; {@code retailerId} null means the connection's (see
 * {@link CustomerDefaults}). {@code attributes} is a JSON object's members, sent as they are.
 */
public record EventDraft(String name, String entityType, String entityRef, String entityId, String entitySubtype,
                         String rootEntityType, String rootEntityRef, String rootEntityId, String retailerId,
                         Map<String, Object> attributes, boolean sync) {
}
