package io.fluentkafka.worker.command;

import io.fluentkafka.worker.fluent.FluentEntity;
import io.fluentkafka.worker.fluent.FluentError;

import java.util.List;

/** How handling a command ended: the closed set that decides between a reply alone and a reply plus a dead letter. */
public sealed interface Outcome {

    /** What a successful command did. */
    enum Detail { CREATED, ALREADY_EXISTS, FOUND, NOT_FOUND, EXECUTED, PARTIAL }

    /** Who has to act on a failure. */
    enum Category { VALIDATION, FLUENT_REJECTED, FLUENT_UNAVAILABLE, AUTHENTICATION, CONFIGURATION, INTERNAL }

    /**
     * Done. {@code result} is null only for {@code NOT_FOUND}; {@code errors} is non-empty only for {@code PARTIAL}.
     */
    record Succeeded(Detail detail, FluentEntity result, List<FluentError> errors) implements Outcome {
        public Succeeded {
            errors = List.copyOf(errors);
        }

        static Succeeded of(Detail detail, FluentEntity result) {
            return new Succeeded(detail, result, List.of());
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
