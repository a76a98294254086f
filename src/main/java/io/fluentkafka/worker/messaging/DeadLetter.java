package io.fluentkafka.worker.messaging;

/**
 * Why a record is dead-lettered, as it appears in the dead letter's {@code dlt.*} headers.
 *
 * @param category  the error category (the reply's, or {@code UNDECODABLE})
 * @param message   what went wrong, specifically
 * @param cause     the exception class behind it, or null
 * @param stage     {@code decode}, {@code validate}, {@code fluent} or {@code reply}
 * @param commandId the command's id when it could be read, else null
 * @param attempts  how often Fluent was tried
 */
record DeadLetter(String category, String message, String cause, String stage, String commandId, int attempts) {
}
