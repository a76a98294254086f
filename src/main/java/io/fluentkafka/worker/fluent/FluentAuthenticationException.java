package io.fluentkafka.worker.fluent;

/** Fluent rejected the connection's credentials, or a freshly issued token. Not the command's fault. */
public final class FluentAuthenticationException extends FluentException {

    FluentAuthenticationException(String message) {
        super(message);
    }
}
