package io.fluentkafka.worker.command;

import io.fluentkafka.worker.fluent.FluentError;
import org.apache.avro.specific.SpecificRecord;

import java.util.List;

/** How handling a command ended: the closed set that decides between a reply alone and a reply plus a dead letter. */
public sealed interface Outcome {

    /**
     * What a successful command did. {@code SENT}: Fluent accepted an event, and its workflow's end is not known
     * (an async event, or a sync answer without a final status). {@code ACCEPTED}: Fluent accepted the inventory batch
     * holding the command's position, and applies it later.
     */
    enum Detail { CREATED, ALREADY_EXISTS, FOUND, NOT_FOUND, EXECUTED, PARTIAL, UPDATED, SENT, ACCEPTED }

    /** Who has to act on a failure. */
    enum Category { VALIDATION, FLUENT_REJECTED, FLUENT_UNAVAILABLE, AUTHENTICATION, CONFIGURATION, INTERNAL }

    /**
     * Done. {@code result} is the kind's result record, one of the members of the reply's {@code result} union
     * (a record with several entities when the operation yields several); null only for {@code NOT_FOUND}.
     * {@code errors} are Fluent's errors next to the data: for {@code PARTIAL} (a raw GraphQL request); and, with any
     * other detail, when a document replaced by configuration ({@link Document#replaced()}) got an answer whose root
     * field is not null but a field under it failed (a field the document added, say, for a missing permission): the
     * detail still says what was done, since a mutation did run, and the reply's {@code error} carries the errors.
     * {@code fluentData} is the root field's object of Fluent's answer as JSON when the document that made the result
     * was replaced by configuration, else null.
     */
    record Succeeded(Detail detail, SpecificRecord result, List<FluentError> errors, String fluentData) implements Outcome {
        public Succeeded {
            errors = List.copyOf(errors);
        }

        public static Succeeded of(Detail detail, SpecificRecord result) {
            return new Succeeded(detail, result, List.of(), null);
        }

        public static Succeeded of(Detail detail, SpecificRecord result, String fluentData) {
            return new Succeeded(detail, result, List.of(), fluentData);
        }

        public static Succeeded notFound() {
            return new Succeeded(Detail.NOT_FOUND, null, List.of(), null);
        }
    }

    /**
     * Not done, finally: the command is answered FAILED and dead-lettered. {@code cause} names the exception
     * class behind the failure, or is null for a validation failure.
     */
    record Failed(Category category, String message, List<FluentError> errors, String cause) implements Outcome {
        public Failed {
            errors = List.copyOf(errors);
        }

        static Failed of(Category category, String message, Throwable cause) {
            return new Failed(category, message, List.of(), cause == null ? null : cause.getClass().getName());
        }
    }
}
