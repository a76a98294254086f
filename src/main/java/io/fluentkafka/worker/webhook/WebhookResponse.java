package io.fluentkafka.worker.webhook;

/**
 * The HTTP answer to a webhook: {@code status} 200 (published or a duplicate), 400, 401, 413 or 503, and a short
 * plain-text {@code message} for Fluent's logs (never the body, never key material).
 */
record WebhookResponse(int status, String message) {
}
