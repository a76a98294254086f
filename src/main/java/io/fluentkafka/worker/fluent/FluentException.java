package io.fluentkafka.worker.fluent;

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
}
