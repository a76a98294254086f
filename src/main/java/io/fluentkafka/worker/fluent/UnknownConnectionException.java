package io.fluentkafka.worker.fluent;

import java.util.Set;

/** A command named a connection that is not configured. */
public final class UnknownConnectionException extends FluentException {

    UnknownConnectionException(String name, Set<String> known) {
        super("connection '" + name + "' is not configured (configured: " + String.join(", ", known.stream().sorted().toList()) + ")");
    }
}
