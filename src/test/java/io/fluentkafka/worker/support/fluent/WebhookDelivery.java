package io.fluentkafka.worker.support.fluent;

/**
 * One attempt of the simulator to post a webhook: the event's {@code id}, {@code name} and {@code entityRef}, which
 * attempt it was (1 the first, 2 the immediate retry, ...) and the HTTP status it was answered with, or
 * {@value #NO_ANSWER} when the connection failed or timed out.
 */
public record WebhookDelivery(String eventId, String name, String entityRef, int attempt, int status) {

    public static final int NO_ANSWER = 0;

    /** Answered 2xx: Fluent does not retry it. */
    public boolean delivered() {
        return status >= 200 && status < 300;
    }
}
