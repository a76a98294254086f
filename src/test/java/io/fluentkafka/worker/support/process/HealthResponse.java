package io.fluentkafka.worker.support.process;

/**
 * One answer of the worker's {@code /health} endpoint.
 *
 * @param status the HTTP status: 200 when every health indicator is UP, 503 when one is DOWN
 * @param body   the JSON body, as sent
 */
public record HealthResponse(int status, String body) {
}
