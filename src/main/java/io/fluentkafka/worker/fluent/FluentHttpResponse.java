package io.fluentkafka.worker.fluent;

import java.time.Duration;
import java.util.Optional;

/**
 * What Fluent answered, whatever the status.
 *
 * @param status     the HTTP status code
 * @param body       the body bytes (empty when none)
 * @param retryAfter the parsed {@code Retry-After} header, if any
 */
record FluentHttpResponse(int status, byte[] body, Optional<Duration> retryAfter) {
}
