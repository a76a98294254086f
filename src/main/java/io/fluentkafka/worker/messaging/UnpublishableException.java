package io.fluentkafka.worker.messaging;

/**
 * Kafka will not take a record however often it is sent (an invalid topic, no authorisation, a value it cannot
 * serialise), or a header-named reply topic did not take it within {@code worker.reply-topics.max-wait}. The
 * message says which topic and why; it never carries the record.
 */
final class UnpublishableException extends RuntimeException {

    UnpublishableException(String message, Throwable cause) {
        super(message, cause);
    }
}
