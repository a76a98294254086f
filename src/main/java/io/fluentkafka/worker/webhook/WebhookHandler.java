package io.fluentkafka.worker.webhook;

import io.fluentkafka.worker.metrics.WorkerMetrics;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * One webhook from its raw bytes to its answer, in this order: a concurrency permit (none free: 503 at once), the
 * size (over {@code worker.webhooks.max-body-size}: 413, unread beyond the bound), the signature over the exact bytes
 * (before any parsing: 401), the payload (400), then {@link EventIntake} (200 once Kafka has it or had it; 503 when
 * not within the publish timeout). Every refusal counts in {@code worker_webhooks_rejected_total{reason}} and logs
 * one line with the reason and the size, never the body.
 */
@Singleton
@Requires(property = WebhookConfiguration.ENABLED, value = "true")
final class WebhookHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);

    private final SignatureVerifier verifier;
    private final PayloadReader reader;
    private final EventIntake intake;
    private final WorkerMetrics metrics;
    private final Semaphore permits;
    private final int maxBodySize;

    WebhookHandler(SignatureVerifier verifier, PayloadReader reader, EventIntake intake, WorkerMetrics metrics,
                   WebhookConfiguration configuration) {
        this.verifier = verifier;
        this.reader = reader;
        this.intake = intake;
        this.metrics = metrics;
        this.permits = new Semaphore(configuration.maxConcurrent());
        this.maxBodySize = configuration.maxBodySize();
    }

    /** {@code contentLength}: the request's Content-Length, or -1 when it has none (chunked). */
    WebhookResponse handle(Function<String, String> headers, InputStream body, long contentLength) {
        if (!permits.tryAcquire()) {
            return refuse(503, "busy", "too many webhooks in progress; retry", contentLength);
        }
        try {
            if (contentLength > maxBodySize) {
                return refuse(413, "too_large", "the body is larger than " + maxBodySize + " bytes", contentLength);
            }
            byte[] bytes;
            try {
                bytes = body.readNBytes(maxBodySize + 1);
            } catch (IOException | RuntimeException e) {
                return refuse(400, "unreadable_body", "the body could not be read", contentLength);
            }
            if (bytes.length > maxBodySize) {
                return refuse(413, "too_large", "the body is larger than " + maxBodySize + " bytes", -1);
            }
            return verified(headers, bytes);
        } finally {
            permits.release();
        }
    }

    private WebhookResponse verified(Function<String, String> headers, byte[] body) {
        SignatureVerifier.Verdict verdict = verifier.verify(body, headers);
        if (verdict != SignatureVerifier.Verdict.VERIFIED) {
            return refuse(401, verdict.name().toLowerCase(Locale.ROOT), "no valid Fluent signature", body.length);
        }
        WebhookEvent event;
        try {
            event = reader.read(body);
        } catch (PayloadReader.BadPayloadException e) {
            return refuse(400, "bad_payload", e.getMessage(), body.length);
        }
        EventIntake.Taken taken = intake.take(event);
        if (taken instanceof EventIntake.Taken.Unavailable unavailable) {
            metrics.webhookRejected("unavailable");
            LOG.warn("webhook event {} ({}) not published, answered 503 for Fluent to retry: {}",
                    event.id(), event.name(), unavailable.why());
            return new WebhookResponse(503, "Kafka did not take the event in time; retry");
        }
        return accept(taken instanceof EventIntake.Taken.Duplicate ? "duplicate" : "published", event);
    }

    private WebhookResponse accept(String outcome, WebhookEvent event) {
        metrics.webhookAccepted(outcome);
        LOG.debug("webhook event {} ({}) {}", event.id(), event.name(), outcome);
        return new WebhookResponse(200, outcome);
    }

    private WebhookResponse refuse(int status, String reason, String message, long size) {
        metrics.webhookRejected(reason);
        LOG.warn("webhook refused with {} ({}): {}{}", status, reason, message, size < 0 ? "" : " (" + size + " bytes)");
        return new WebhookResponse(status, message);
    }
}
