package io.fluentkafka.worker.fluent;

/**
 * Fluent's answer to an event it accepted. Each field is null when the answer did not carry it: Fluent documents no
 * async answer body, and only a sync answer has {@code eventStatus} ({@code COMPLETE}; {@code NO_MATCH} and
 * {@code FAILED} never get here, see {@link FluentClient#sendEvent}).
 */
public record EventReceipt(String eventId, String entityId, String eventStatus) {
}
