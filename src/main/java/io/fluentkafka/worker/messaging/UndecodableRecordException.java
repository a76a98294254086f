package io.fluentkafka.worker.messaging;

/** A record whose value is not a readable command for its topic. The message says precisely why. */
final class UndecodableRecordException extends Exception {

    UndecodableRecordException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    UndecodableRecordException(String message) {
        this(message, null);
    }
}
