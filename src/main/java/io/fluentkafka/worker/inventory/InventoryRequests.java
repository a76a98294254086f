package io.fluentkafka.worker.inventory;

import io.fluentkafka.worker.fluent.FluentRejectedException;
import io.micronaut.json.tree.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fluent's Job/Batch API as pure translation (fluent-api.md §7): paths, request bodies and what the answers mean. */
final class InventoryRequests {

    static final String JOBS_PATH = "/api/v4.1/job";
    static final String JOB_NAME_PREFIX = "fluent-kafka-worker inventory ";

    private InventoryRequests() {
    }

    static Map<String, Object> jobBody(String retailerId, LocalDate day) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", JOB_NAME_PREFIX + day);
        body.put("retailerId", retailerId);
        return body;
    }

    static String jobPath(String jobId) {
        return JOBS_PATH + "/" + URLEncoder.encode(jobId, StandardCharsets.UTF_8);
    }

    static String batchesPath(String jobId) {
        return jobPath(jobId) + "/batch";
    }

    static String batchPath(String jobId, String batchId) {
        return batchesPath(jobId) + "/" + URLEncoder.encode(batchId, StandardCharsets.UTF_8);
    }

    /** An UPSERT of INVENTORY entities into one catalogue, as Fluent's example shows it. */
    static Map<String, Object> batchBody(Destination destination, List<InventoryPosition> positions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", "UPSERT");
        body.put("entityType", "INVENTORY");
        body.put("source", "fluent-kafka-worker");
        body.put("event", "InventoryChanged");
        body.put("catalogueRef", destination.catalogueRef());
        body.put("entities", positions.stream().map(p -> p.entity(destination.retailerId())).toList());
        return body;
    }

    /** The {@code id} of a created job or batch; an answer without one is a refusal (nothing to reply with). */
    static String id(JsonNode answer, String what) {
        JsonNode id = answer == null || !answer.isObject() ? null : answer.get("id");
        if (id == null || id.isNull() || !id.isValueNode() || id.coerceStringValue().isBlank()) {
            throw FluentRejectedException.of("Fluent's answer to creating " + what + " has no id");
        }
        return id.coerceStringValue();
    }

    /**
     * Whether a job Fluent answered about can take no more batches: it is gone (404, so {@code job} is empty) or its
     * structured {@code status} is anything but OPEN (Fluent closes jobs at midnight UTC).
     */
    static boolean closed(Optional<JsonNode> job) {
        if (job.isEmpty()) {
            return true;
        }
        JsonNode status = job.get().isObject() ? job.get().get("status") : null;
        return status != null && status.isValueNode() && !"OPEN".equals(status.coerceStringValue());
    }

    /**
     * A batch's progress from Fluent's structured {@code status}, {@code count} and {@code total}; a field that is
     * missing or of another kind is not seen (null), and the status stays {@code previous}'s when none is shown.
     */
    static BatchProgress progress(JsonNode batch, BatchProgress previous) {
        if (batch == null || !batch.isObject()) {
            return previous;
        }
        JsonNode status = batch.get("status");
        return new BatchProgress(
                status != null && status.isString() ? status.getStringValue() : previous.status(),
                count(batch.get("count"), previous.count()), count(batch.get("total"), previous.total()));
    }

    private static Integer count(JsonNode value, Integer previous) {
        return value != null && value.isNumber() ? Integer.valueOf(value.getIntValue()) : previous;
    }

    /** Digits as a number, as Fluent's batch example sends the entity's retailer; anything else as given. */
    static Object retailerValue(String retailerId) {
        return Destination.numeric(retailerId) ? (Object) Long.parseLong(retailerId) : retailerId;
    }
}
