package io.fluentkafka.worker.support.fluent;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The webhooks a workflow's {@code SendWebhook} rule would send about orders (fluent-api.md section 8): the event JSON
 * signed by a {@link WebhookSigner} in {@code fluent-signature} and {@code flex.signature}, posted to one target.
 *
 * <p>Events raised while a request is handled wait until its answer is written ({@link #holdDuringRequest()},
 * {@link #releaseAfterRequest()}), as Fluent's workflow runs after the mutation answered. Posts run one at a time on one
 * thread, in the order the events were released; a post answered other than 2xx, or not at all, is retried
 * immediately, then after 2 s and 4 s (Fluent's default schedule: "retried 3 times within 14 seconds"), then dropped.
 * Nothing is posted, and no thread runs, until a target is set; {@link #close()} stops every post and retry at once.
 */
final class SimulatorWebhooks implements AutoCloseable {

    static final List<Duration> FLUENT_RETRY_DELAYS = List.of(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(4));
    private static final Duration POST_TIMEOUT = Duration.ofSeconds(10);

    private final SimulatorAccount account;
    private final ThreadLocal<List<Map<String, Object>>> held = new ThreadLocal<>();
    private final List<WebhookDelivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile WebhookSigner signer;
    private volatile List<Duration> retryDelays = FLUENT_RETRY_DELAYS;
    private volatile WebhookPoster poster;
    private ScheduledExecutorService posting;
    private boolean closed;

    SimulatorWebhooks(SimulatorAccount account) {
        this.account = account;
    }

    synchronized void target(URI url) {
        if (closed) {
            throw new IllegalStateException("the simulator is closed");
        }
        poster = url == null ? null : new WebhookPoster(url, POST_TIMEOUT);
        if (poster != null && posting == null) {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "fluent-simulator-webhooks");
                thread.setDaemon(true);
                return thread;
            });
            executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            posting = executor;
        }
    }

    void signer(WebhookSigner signer) {
        this.signer = signer;
    }

    /** The signer set, else {@link WebhookSigner#shared()} (generated on first use, not by every simulator). */
    WebhookSigner signer() {
        WebhookSigner set = signer;
        return set != null ? set : WebhookSigner.shared();
    }

    /** The waits before each retry; {@link #FLUENT_RETRY_DELAYS} after start and reset. */
    void retryDelays(List<Duration> delays) {
        retryDelays = List.copyOf(delays);
    }

    List<WebhookDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    void clear() {
        deliveries.clear();
        retryDelays = FLUENT_RETRY_DELAYS;
    }

    /** From now until {@link #releaseAfterRequest()}, events this thread raises wait. */
    void holdDuringRequest() {
        held.set(new ArrayList<>());
    }

    /** Posts the events this thread raised since {@link #holdDuringRequest()}, in order. */
    void releaseAfterRequest() {
        List<Map<String, Object>> events = held.get();
        held.remove();
        if (events != null) {
            events.forEach(event -> schedule(event, 1, Duration.ZERO));
        }
    }

    /** An order event ({@code OrderCreated}, ...) about {@code order} as the simulator stores it; nothing without a target. */
    void orderEvent(String name, Map<String, Object> order) {
        if (poster == null) {
            return;
        }
        Map<String, Object> event = event(name, order);
        List<Map<String, Object>> waiting = held.get();
        if (waiting != null) {
            waiting.add(event);
        } else {
            schedule(event, 1, Duration.ZERO);
        }
    }

    private Map<String, Object> event(String name, Map<String, Object> order) {
        Object retailer = order.get("retailer") instanceof Map<?, ?> map ? map.get("id") : null;
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", UUID.randomUUID().toString());
        event.put("name", name);
        event.put("accountId", account.clientId());
        event.put("retailerId", retailer == null ? account.retailerId() : String.valueOf(retailer));
        event.put("entityId", order.get("id"));
        event.put("entityRef", order.get("ref"));
        event.put("entityType", "ORDER");
        event.put("entitySubtype", order.get("type"));
        event.put("entityStatus", order.get("status"));
        event.put("type", "NORMAL");
        event.put("attributes", Map.of());
        event.put("meta", Map.of("mode", "ASYNC", "simulation", false, "models", List.of()));
        event.put("trailLogs", List.of());
        event.put("errorLogs", List.of());
        event.put("rootEntityId", order.get("id"));
        event.put("rootEntityType", "ORDER");
        event.put("rootEntityRef", order.get("ref"));
        return event;
    }

    private synchronized void schedule(Map<String, Object> event, int attempt, Duration delay) {
        if (closed || posting == null) {
            return;
        }
        try {
            posting.schedule(() -> post(event, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void post(Map<String, Object> event, int attempt) {
        WebhookPoster to = poster;
        if (to == null) {
            return;
        }
        int status;
        try {
            HttpResponse<String> response = to.post(JsonCodec.write(event), signer());
            status = response.statusCode();
        } catch (UncheckedIOException e) {
            status = WebhookDelivery.NO_ANSWER;
        } catch (IllegalStateException e) {
            return; // interrupted by close()
        }
        WebhookDelivery delivery = new WebhookDelivery((String) event.get("id"), (String) event.get("name"),
                (String) event.get("entityRef"), attempt, status);
        deliveries.add(delivery);
        List<Duration> delays = retryDelays;
        if (!delivery.delivered() && attempt <= delays.size()) {
            schedule(event, attempt + 1, delays.get(attempt - 1));
        }
    }

    /** Stops at once: a post in progress is interrupted, retries waiting are dropped. */
    @Override
    public synchronized void close() {
        closed = true;
        if (posting != null) {
            posting.shutdownNow();
        }
    }
}
