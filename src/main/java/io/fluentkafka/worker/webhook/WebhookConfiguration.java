package io.fluentkafka.worker.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;

import java.time.Duration;

/**
 * The webhook endpoint: {@code worker.webhooks.*}. Opt-in; while {@code enabled} is false nothing else here is
 * checked and no endpoint exists. Routes ({@code worker.webhooks.routes.*}) are read by {@link EventRoutes}.
 *
 * @param enabled            whether the endpoint exists
 * @param path               where Fluent POSTs (the SendWebhook rule's URL path)
 * @param publicKey          the Fluent environment's public key (base64 X.509 SubjectPublicKeyInfo, PEM armour
 *                           optional); required when enabled. Not secret, but never logged
 * @param previousPublicKey  during a rotation, the key being replaced: a signature either key verifies is accepted
 * @param acceptLegacyMd5    also accept {@code flex.signature} (MD5withRSA); off: MD5 is broken for signatures
 * @param maxBodySize        larger bodies are answered 413 unread; at most Micronaut's
 *                           {@code micronaut.server.max-request-size} (10MB by default), which answers 413 first, and
 *                           the producer's {@code max.request.size} less {@link ProducerRecordLimit#HEADROOM} (checked
 *                           at startup). Up to {@code maxConcurrent} bodies of this size (and copies) are in the heap
 * @param readTimeout        the whole body must arrive within this time of the request's start, else 408: a slow or
 *                           stalled client is let go (and never holds one of {@code maxConcurrent})
 * @param topic              where events go unless a route says otherwise
 * @param publishTimeout     how long a request waits for Kafka's acknowledgement before answering 503; keep it below
 *                           Fluent's retry window (its requests are retried within about 14 s)
 * @param maxConcurrent      requests with their whole body in hand being verified and published at once; more are
 *                           answered 503 at once, not queued
 * @param duplicateWindow    an id published this recently is answered 200 and not published again (per pod)
 * @param duplicateCacheSize how many published ids the pod remembers at most (the oldest are forgotten first)
 */
@ConfigurationProperties(WebhookConfiguration.PREFIX)
public record WebhookConfiguration(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "/webhooks/fluent") String path,
        @Bindable(defaultValue = "") String publicKey,
        @Bindable(defaultValue = "") String previousPublicKey,
        @Bindable(defaultValue = "false") boolean acceptLegacyMd5,
        @Bindable(defaultValue = "1000KB") @ReadableBytes int maxBodySize,
        @Bindable(defaultValue = "10s") Duration readTimeout,
        @Bindable(defaultValue = "fluent.events") String topic,
        @Bindable(defaultValue = "10s") Duration publishTimeout,
        @Bindable(defaultValue = "64") int maxConcurrent,
        @Bindable(defaultValue = "10m") Duration duplicateWindow,
        @Bindable(defaultValue = "100000") int duplicateCacheSize) {

    public static final String PREFIX = "worker.webhooks";
    public static final String ENABLED = PREFIX + ".enabled";

    /** What the endpoint's path may be: '/' and at least one more character, no whitespace, query, fragment or URI template. */
    public static final String PATH_PATTERN = "^/[^\\s?#{}]+$";

    public WebhookConfiguration {
        publicKey = publicKey == null ? "" : publicKey.strip();
        previousPublicKey = previousPublicKey == null ? "" : previousPublicKey.strip();
        if (enabled) {
            check(path, publicKey, maxBodySize, readTimeout, publishTimeout, maxConcurrent, duplicateWindow, duplicateCacheSize);
        }
    }

    /** Only while enabled: a worker without webhooks needs none of these right. */
    private static void check(String path, String publicKey, int maxBodySize, Duration readTimeout, Duration publishTimeout, int maxConcurrent,
                              Duration duplicateWindow, int duplicateCacheSize) {
        if (publicKey.isEmpty()) {
            throw new ConfigurationException(PREFIX + ".public-key (environment variable WORKER_WEBHOOKS_PUBLIC_KEY) is required "
                    + "when " + ENABLED + " is true: the Fluent environment's public key that verifies the webhooks' signatures");
        }
        if (path == null || !path.matches(PATH_PATTERN)) {
            throw new ConfigurationException(PREFIX + ".path must start with '/' and name a path without whitespace, '?', '#', "
                    + "'{' or '}', such as /webhooks/fluent");
        }
        if (maxBodySize < 1) {
            throw new ConfigurationException(PREFIX + ".max-body-size must be at least 1 byte, such as 1MB");
        }
        if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero() || readTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new ConfigurationException(PREFIX + ".read-timeout must be a positive duration of at most 1m, such as 10s");
        }
        if (publishTimeout == null || publishTimeout.isNegative() || publishTimeout.isZero() || publishTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new ConfigurationException(PREFIX + ".publish-timeout must be a positive duration of at most 1m, such as 10s");
        }
        if (maxConcurrent < 1) {
            throw new ConfigurationException(PREFIX + ".max-concurrent must be at least 1");
        }
        if (duplicateWindow == null || duplicateWindow.isNegative()) {
            throw new ConfigurationException(PREFIX + ".duplicate-window must be a duration of at least 0 (0: no de-duplication)");
        }
        if (duplicateCacheSize < 0) {
            throw new ConfigurationException(PREFIX + ".duplicate-cache-size must be at least 0 (0: no de-duplication)");
        }
    }

    /** Without the keys: they are not secret, but key material stays out of logs. */
    @Override
    public String toString() {
        return "WebhookConfiguration[enabled=" + enabled + ", path=" + path + ", acceptLegacyMd5=" + acceptLegacyMd5
                + ", maxBodySize=" + maxBodySize + ", readTimeout=" + readTimeout + ", topic=" + topic + ", publishTimeout=" + publishTimeout
                + ", maxConcurrent=" + maxConcurrent + ", duplicateWindow=" + duplicateWindow
                + ", duplicateCacheSize=" + duplicateCacheSize + "]";
    }
}
