package io.fluentkafka.worker.command;

import org.apache.avro.specific.SpecificRecord;

/**
 * A request to do one thing in Fluent: the metadata every command has, the operation of its kind, and the decoded
 * Avro record with the kind's own fields.
 */
public record Command<C extends SpecificRecord>(CommandMetadata metadata, Operation<C> operation, C fields) {

    /** The kind's constant, e.g. {@code CREATE_CUSTOMER}. */
    public String type() {
        return operation.constant();
    }
}
