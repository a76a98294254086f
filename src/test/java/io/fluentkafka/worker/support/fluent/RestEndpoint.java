package io.fluentkafka.worker.support.fluent;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fluent's REST APIs after faults, only as far as the worker calls them (fluent-api.md §6, §7):
 * {@code POST /api/v4.1/event/async}, {@code POST /api/v4.1/event/sync}, {@code POST /api/v4.1/job}, {@code GET /api/v4.1/job/{id}},
 * {@code POST /api/v4.1/job/{id}/batch} and {@code GET /api/v4.1/job/{id}/batch/{batchId}}. Bearer authentication
 * as on {@code /graphql} (401, expired tokens included). A missing field answers 400 with Fluent's REST error body
 * {@code {"errors":[{"code":"400","message":"'name' is required"}]}}; an unknown job or batch 404. The async event
 * answer {@code {"id":"<uuid>"}} and the job and batch shapes are the reference's guesses ([I]). A sync event answers
 * {@code {"eventId","entityId","eventStatus"}} ([C]) with the status tests choose (COMPLETE unless told), or, while no
 * rule is to match, 404 with "No workflow rule matched this event" as Fluent's SDK shows ([C-SDK]). Jobs and batches
 * are the {@link JobEndpoint}'s. Thread-safe.
 */
final class RestEndpoint {

    static final String PREFIX = "/api/v4.1/";
    private static final String DEFAULT_SYNC_STATUS = "COMPLETE";
    private static final Pattern JOB = Pattern.compile("/api/v4\\.1/job/([^/]+)");
    private static final Pattern BATCHES = Pattern.compile("/api/v4\\.1/job/([^/]+)/batch");
    private static final Pattern BATCH = Pattern.compile("/api/v4\\.1/job/([^/]+)/batch/([^/]+)");

    private final TokenStore tokens;
    private final AtomicLong ids = new AtomicLong(100);
    private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
    private final JobEndpoint jobs;
    private volatile String syncEventStatus = DEFAULT_SYNC_STATUS;
    private volatile boolean syncEventsMatchNoRule;

    RestEndpoint(TokenStore tokens, Clock clock) {
        this.tokens = tokens;
        this.jobs = new JobEndpoint(clock, ids);
    }

    SimulatorResponse handle(RecordedRequest request) {
        String token = GraphQlEndpoint.bearerToken(request.authorization());
        TokenStore.Status status = tokens.check(token);
        if (status != TokenStore.Status.VALID) {
            return GraphQlEndpoint.invalidToken((status == TokenStore.Status.EXPIRED ? "Access token expired: " : "Invalid access token: ") + token);
        }
        String path = request.path();
        boolean post = request.method().equals("POST");
        Matcher matcher;
        if (path.equals("/api/v4.1/event/async") || path.equals("/api/v4.1/event/sync")) {
            return post ? event(request.json(), path.endsWith("/sync")) : methodNotAllowed("POST");
        } else if (path.equals("/api/v4.1/job")) {
            return post ? jobs.createJob(request.json()) : methodNotAllowed("POST");
        } else if ((matcher = BATCH.matcher(path)).matches()) {
            return post ? methodNotAllowed("GET") : jobs.batch(matcher.group(1), matcher.group(2));
        } else if ((matcher = BATCHES.matcher(path)).matches()) {
            return post ? jobs.createBatch(matcher.group(1), request.json()) : methodNotAllowed("POST");
        } else if ((matcher = JOB.matcher(path)).matches()) {
            return post ? methodNotAllowed("GET") : jobs.job(matcher.group(1));
        }
        return error(404, "404", "No endpoint " + path);
    }

    /** Every event posted, in arrival order, as sent. */
    List<Map<String, Object>> events() {
        return List.copyOf(events);
    }

    /** The {@code eventStatus} of sync answers from now on, e.g. COMPLETE, NO_MATCH or FAILED. */
    void syncEventStatus(String status) {
        syncEventStatus = status;
    }

    /** While on, sync events answer 404 "No workflow rule matched this event". */
    void syncEventsMatchNoRule(boolean on) {
        syncEventsMatchNoRule = on;
    }

    /** Jobs, batches and the stock they set. */
    JobEndpoint jobs() {
        return jobs;
    }

    void clear() {
        jobs.clear();
        syncEventStatus = DEFAULT_SYNC_STATUS;
        syncEventsMatchNoRule = false;
        events.clear();
    }

    private SimulatorResponse event(Map<String, Object> body, boolean sync) {
        SimulatorResponse missing = missing(body, "name", "entityType");
        if (missing != null) {
            return missing;
        }
        events.add(ReadOnly.map(body));
        String eventId = UUID.randomUUID().toString();
        if (!sync) {
            return SimulatorResponse.json(200, Map.of("id", eventId));
        }
        if (syncEventsMatchNoRule) {
            return error(404, "404", "No workflow rule matched this event");
        }
        Object entityId = body.get("entityId") != null ? body.get("entityId") : Long.toString(ids.incrementAndGet());
        return SimulatorResponse.json(200, Map.of("eventId", eventId, "entityId", String.valueOf(entityId), "eventStatus", syncEventStatus));
    }

    static SimulatorResponse missing(Map<String, Object> body, String... required) {
        for (String field : required) {
            if (body.get(field) == null) {
                return error(400, field.equals("retailerId") ? "NotNull" : "400", "'" + field + "' is required");
            }
        }
        return null;
    }

    private static SimulatorResponse methodNotAllowed(String allowed) {
        return error(405, "405", "Use " + allowed).withHeader("Allow", allowed);
    }

    /** Fluent's REST error body (docs: REST API error codes overview). */
    static SimulatorResponse error(int status, String code, String message) {
        return SimulatorResponse.json(status, Map.of("errors", List.of(Map.of("code", code, "message", message))));
    }
}
