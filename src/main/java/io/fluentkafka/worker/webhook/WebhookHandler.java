package io.fluentkafka.worker.webhook;

import io.fluentkafka.worker.metrics.WorkerMetrics;
import io.fluentkafka.worker.time.Scheduler;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One webhook from its raw bytes to its answer, in this order: the size (a {@code Content-Length} over
 * {@code worker.webhooks.max-body-size}: 413 before reading; a chunked body is read only up to the bound), the whole
 * body within {@code worker.webhooks.read-timeout} (else 408), then a concurrency permit (none free: 503 at once),
 * the signature over the exact bytes (before any parsing: 401), the payload (400), then {@link EventIntake} (200 once
 * Kafka has it or had it; 503 when it may on a retry; 413 or 500 when Kafka refused the record for good).
 *
 * <p>The body is collected without a thread or a permit ({@link BodyCollector}): a client that sends headers and
 * then too little holds neither, only its bytes until the read timeout, so slow or stalled clients cannot keep
 * Fluent's webhooks out. The bodies being read hold at most max-concurrent × max-body-size bytes together; a body
 * that would exceed that is refused 503 (busy), so slow large bodies cannot fill the heap before any signature check. Every refusal counts in {@code worker_webhooks_rejected_total{reason}} and logs one line
 * with the reason and the size, never the body; refusals anyone can cause (before the signature is verified, and
 * busy) log at most once per reason and minute ({@link RefusalLog}).
 */
@Singleton
@Requires(property = WebhookConfiguration.ENABLED, value = "true")
final class WebhookHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
    private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

    private final SignatureVerifier verifier;
    private final PayloadReader reader;
    private final EventIntake intake;
    private final WorkerMetrics metrics;
    private final Scheduler scheduler;
    private final Executor blocking;
    private final Semaphore permits;
    /** Bytes the bodies still being read may hold together: max-concurrent bodies of max-body-size. */
    private final AtomicLong readBudget;
    private final int maxBodySize;
    private final Duration readTimeout;
    private final RefusalLog unverified;

    WebhookHandler(SignatureVerifier verifier, PayloadReader reader, EventIntake intake, WorkerMetrics metrics,
                   WebhookConfiguration configuration, Scheduler scheduler, @Named(TaskExecutors.BLOCKING) Executor blocking) {
        this.verifier = verifier;
        this.reader = reader;
        this.intake = intake;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.blocking = blocking;
        this.permits = new Semaphore(configuration.maxConcurrent());
        this.readBudget = new AtomicLong((long) configuration.maxConcurrent() * configuration.maxBodySize());
        this.maxBodySize = configuration.maxBodySize();
        this.readTimeout = configuration.readTimeout();
        this.unverified = new RefusalLog(scheduler::nanoTime, LOG_INTERVAL);
    }

    /**
     * Never blocks (runs on the event loop): the answer completes once the body is in and, on the blocking executor,
     * handled. {@code body}: null for a request without one; {@code contentLength}: -1 without one (chunked).
     */
    CompletableFuture<WebhookResponse> receive(Function<String, String> headers, @Nullable Publisher<byte[]> body, long contentLength) {
        if (contentLength > maxBodySize) {
            return CompletableFuture.completedFuture(tooLarge(contentLength));
        }
        if (body == null) {
            return CompletableFuture.supplyAsync(() -> handle(headers, new byte[0]), blocking);
        }
        return BodyCollector.collect(body, maxBodySize, readBudget, scheduler.after(readTimeout)).thenCompose(outcome -> {
            if (outcome instanceof BodyCollector.Outcome.Complete complete) {
                return CompletableFuture.supplyAsync(() -> handle(headers, complete.body()), blocking);
            }
            if (outcome instanceof BodyCollector.Outcome.TooLarge) {
                return CompletableFuture.completedFuture(tooLarge(-1));
            }
            if (outcome instanceof BodyCollector.Outcome.Busy busy) {
                return CompletableFuture.completedFuture(refuseUnverified(503, "busy",
                        "too many webhook bodies being read at once; retry", busy.received()));
            }
            if (outcome instanceof BodyCollector.Outcome.TimedOut timedOut) {
                return CompletableFuture.completedFuture(refuseUnverified(408, "read_timeout",
                        "the body did not arrive within " + readTimeout, timedOut.received()));
            }
            return CompletableFuture.completedFuture(
                    refuseUnverified(400, "unreadable_body", "the body could not be read", contentLength));
        });
    }

    /** The whole body is in hand: a permit, then the signature, the payload and Kafka. */
    WebhookResponse handle(Function<String, String> headers, byte[] body) {
        if (!permits.tryAcquire()) {
            return refuseUnverified(503, "busy", "too many webhooks in progress; retry", body.length);
        }
        try {
            return verified(headers, body);
        } finally {
            permits.release();
        }
    }

    private WebhookResponse tooLarge(long size) {
        return refuseUnverified(413, "too_large", "the body is larger than " + maxBodySize + " bytes", size);
    }

    private WebhookResponse verified(Function<String, String> headers, byte[] body) {
        SignatureVerifier.Verdict verdict = verifier.verify(body, headers);
        if (verdict != SignatureVerifier.Verdict.VERIFIED) {
            return refuseUnverified(401, verdict.name().toLowerCase(Locale.ROOT), "no valid Fluent signature", body.length);
        }
        WebhookEvent event;
        try {
            event = reader.read(body);
        } catch (PayloadReader.BadPayloadException e) {
            metrics.webhookRejected("bad_payload");
            LOG.warn("webhook refused with 400 (bad_payload): {} ({} bytes)", e.getMessage(), body.length);
            return new WebhookResponse(400, e.getMessage());
        }
        EventIntake.Taken taken = intake.take(event);
        if (taken instanceof EventIntake.Taken.Unavailable unavailable) {
            metrics.webhookRejected("unavailable");
            LOG.warn("webhook event {} ({}) not published, answered 503 for Fluent to retry: {}",
                    event.id(), event.name(), unavailable.why());
            return new WebhookResponse(503, "Kafka did not take the event in time; retry");
        }
        if (taken instanceof EventIntake.Taken.Refused refused) {
            metrics.webhookRejected(refused.reason());
            LOG.error("webhook event {} ({}, {} bytes) not published, answered {} ({}): Kafka refused the record: {}",
                    event.id(), event.name(), body.length, refused.status(), refused.reason(), refused.why());
            return new WebhookResponse(refused.status(), refused.status() == 413
                    ? "the event is larger than Kafka accepts" : "Kafka refused the event");
        }
        return accept(taken instanceof EventIntake.Taken.Duplicate ? "duplicate" : "published", event);
    }

    private WebhookResponse accept(String outcome, WebhookEvent event) {
        metrics.webhookAccepted(outcome);
        LOG.debug("webhook event {} ({}) {}", event.id(), event.name(), outcome);
        return new WebhookResponse(200, outcome);
    }

    /** Anyone can cause these: every one counts, at most one a minute per reason logs at WARN, the rest at DEBUG. */
    private WebhookResponse refuseUnverified(int status, String reason, String message, long size) {
        metrics.webhookRejected(reason);
        long leftOut = unverified.admit(reason);
        String sized = size < 0 ? "" : " (" + size + " bytes)";
        if (leftOut >= 0) {
            LOG.warn("webhook refused with {} ({}): {}{}{}", status, reason, message, sized,
                    leftOut == 0 ? "" : "; " + leftOut + " more refused for this reason since the last such line (not logged)");
        } else {
            LOG.debug("webhook refused with {} ({}): {}{}", status, reason, message, sized);
        }
        return new WebhookResponse(status, message);
    }
}
