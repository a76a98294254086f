package io.fluentkafka.worker.support.fluent;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Fluent's Job/Batch API (fluent-api.md §7; the answer shapes are the reference's guesses, [I]): {@code POST /job}
 * answers {@code {"id"}}; {@code POST /job/{id}/batch} sets each INVENTORY entity's absolute qty in the
 * {@link InventoryStore} at once and answers {@code {"id"}}, or 400 and changes nothing when the job is not OPEN (see
 * {@link #closeJobs()}) or an entity lacks a required field. A batch's status moves as it is read, the way Fluent's
 * moves as time passes: PENDING ({@code count} 0) when created and at its first read, RUNNING at later reads before
 * the {@link #batchesCompleteAfterReads n}-th (2 unless told), then COMPLETE with {@code count} and {@code total} its
 * number of entities; while {@link #holdBatchesRunning held}, reads show RUNNING. Thread-safe.
 */
final class JobEndpoint {

    private static final int DEFAULT_READS_TO_COMPLETE = 2;

    private final Clock clock;
    private final Supplier<String> ids;
    private final Map<String, Map<String, Object>> jobs = new ConcurrentHashMap<>();
    private final Map<String, Batch> batches = new ConcurrentHashMap<>();
    private final InventoryStore inventory = new InventoryStore();
    private volatile int readsToComplete = DEFAULT_READS_TO_COMPLETE;
    private volatile boolean holdRunning;

    private static final class Batch {
        private final Map<String, Object> shown;
        private final int entities;
        private int reads;

        Batch(Map<String, Object> shown, int entities) {
            this.shown = shown;
            this.entities = entities;
        }
    }

    JobEndpoint(Clock clock, AtomicLong ids) {
        this.clock = clock;
        this.ids = () -> Long.toString(ids.incrementAndGet());
    }

    SimulatorResponse createJob(Map<String, Object> body) {
        SimulatorResponse missing = RestEndpoint.missing(body, "name", "retailerId");
        if (missing != null) {
            return missing;
        }
        String id = ids.get();
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("jobId", id);
        job.put("name", body.get("name"));
        job.put("status", "OPEN");
        job.put("retailerId", String.valueOf(body.get("retailerId")));
        job.put("createdOn", clock.instant().toString());
        jobs.put(id, job);
        return SimulatorResponse.json(200, Map.of("id", id));
    }

    SimulatorResponse job(String jobId) {
        Map<String, Object> job = jobs.get(jobId);
        return job == null ? RestEndpoint.error(404, "404", "Job not found") : SimulatorResponse.json(200, job);
    }

    SimulatorResponse createBatch(String jobId, Map<String, Object> body) {
        if (!jobs.containsKey(jobId)) {
            return RestEndpoint.error(404, "404", "Job not found");
        }
        SimulatorResponse missing = RestEndpoint.missing(body, "action", "entityType", "entities");
        if (missing != null) {
            return missing;
        }
        if (!(body.get("entities") instanceof List<?> entities) || entities.size() > 5000) {
            return RestEndpoint.error(400, "400", "'entities' must be a list of at most 5000");
        }
        if (!"OPEN".equals(jobs.get(jobId).get("status"))) {
            return RestEndpoint.error(400, "400", "Job " + jobId + " is closed");
        }
        String missingField = InventoryStore.missingField(entities);
        if ("INVENTORY".equals(body.get("entityType")) && missingField != null) {
            return RestEndpoint.error(400, "400", "'" + missingField + "' is required");
        }
        if ("INVENTORY".equals(body.get("entityType"))) {
            inventory.apply(String.valueOf(jobs.get(jobId).get("retailerId")), body.get("catalogueRef"), entities);
        }
        String id = ids.get();
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("batchId", id);
        batch.put("jobId", jobId);
        batch.put("entityType", body.get("entityType"));
        batch.put("status", "PENDING");
        batch.put("start", 1);
        batch.put("count", 0);
        batch.put("total", entities.size());
        batch.put("createdOn", clock.instant().toString());
        batches.put(jobId + "/" + id, new Batch(batch, entities.size()));
        return SimulatorResponse.json(200, Map.of("id", id));
    }

    /** A read moves the batch on (see the class comment) and shows where it is now. */
    SimulatorResponse batch(String jobId, String batchId) {
        Batch batch = batches.get(jobId + "/" + batchId);
        if (batch == null) {
            return RestEndpoint.error(404, "404", "Batch not found");
        }
        synchronized (batch) {
            batch.reads++;
            boolean complete = !holdRunning && batch.reads >= readsToComplete;
            batch.shown.put("status", complete ? "COMPLETE" : batch.reads == 1 && !holdRunning ? "PENDING" : "RUNNING");
            batch.shown.put("count", complete ? batch.entities : 0);
            return SimulatorResponse.json(200, Map.copyOf(batch.shown));
        }
    }

    InventoryStore inventory() {
        return inventory;
    }

    void closeJobs() {
        jobs.values().forEach(job -> job.put("status", "CLOSED"));
    }

    List<Map<String, Object>> jobs() {
        return jobs.values().stream().map(ReadOnly::map).toList();
    }

    int batchCount() {
        return batches.size();
    }

    /** From now on, a batch shows COMPLETE from its {@code reads}-th read on (1: at its first). */
    void batchesCompleteAfterReads(int reads) {
        readsToComplete = reads;
    }

    /** While on, every read shows batches RUNNING, as a Fluent whose batch processing is stuck. */
    void holdBatchesRunning(boolean on) {
        holdRunning = on;
    }

    void clear() {
        inventory.clear();
        jobs.clear();
        batches.clear();
        readsToComplete = DEFAULT_READS_TO_COMPLETE;
        holdRunning = false;
    }
}
