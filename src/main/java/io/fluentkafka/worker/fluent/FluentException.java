package io.fluentkafka.worker.fluent;

import java.util.concurrent.CompletionException;

/**
 * Why a Fluent call did not succeed, already classified. Messages are safe to log and to put in replies: they
 * never contain credentials or tokens.
 */
public abstract sealed class FluentException extends RuntimeException
        permits FluentRejectedException, FluentUnavailableException, FluentAuthenticationException,
        UnknownConnectionException {

    FluentException(String message) {
        super(message, null, false, false);
    }

    /** The failure a future completed with, without the {@code CompletionException} wrappers around it. */
    public static Throwable causeOf(Throwable failure) {
        Throwable current = failure;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
