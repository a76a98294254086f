package io.fluentkafka.worker.command;

import io.fluentkafka.worker.command.Outcome.Category;
import io.fluentkafka.worker.command.Outcome.Failed;
import io.fluentkafka.worker.fluent.FluentAuthenticationException;
import io.fluentkafka.worker.fluent.FluentException;
import io.fluentkafka.worker.fluent.FluentRejectedException;
import io.fluentkafka.worker.fluent.FluentUnavailableException;
import io.fluentkafka.worker.fluent.UnknownConnectionException;

/** Turns the reason a command could not be done into a final {@link Failed} outcome. */
final class Failures {

    private Failures() {
    }

    static Failed toFailed(Throwable failure, int attempts) {
        Throwable cause = FluentException.causeOf(failure);
        if (cause instanceof FluentRejectedException rejected) {
            return new Failed(Category.FLUENT_REJECTED, rejected.getMessage(), rejected.errors(), cause.getClass().getName());
        }
        if (cause instanceof FluentUnavailableException) {
            return Failed.of(Category.FLUENT_UNAVAILABLE, "gave up after " + attempts + " attempt(s): " + cause.getMessage(), cause);
        }
        if (cause instanceof PoisonCommandException) {
            return Failed.of(Category.FLUENT_UNAVAILABLE, "gave up after " + attempts + " attempt(s): " + cause.getMessage(), cause);
        }
        if (cause instanceof FluentAuthenticationException) {
            return Failed.of(Category.AUTHENTICATION, cause.getMessage(), cause);
        }
        if (cause instanceof UnknownConnectionException) {
            return Failed.of(Category.CONFIGURATION, cause.getMessage(), cause);
        }
        return Failed.of(Category.INTERNAL, "unexpected " + cause.getClass().getName() + ": " + cause.getMessage(), cause);
    }
}
