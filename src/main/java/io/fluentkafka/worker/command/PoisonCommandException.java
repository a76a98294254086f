package io.fluentkafka.worker.command;

/**
 * The poison bound was reached: the command took its connection down {@code worker.outage.max-outages-per-command}
 * times, Fluent answered the probe after each, and its last retry budget failed too. Final: {@code FLUENT_UNAVAILABLE}.
 * The message names the connection, the count and the last failure's message, which is safe to show.
 */
final class PoisonCommandException extends RuntimeException {

    PoisonCommandException(String connection, int outages, Throwable last) {
        super("took connection '" + connection + "' down " + outages + " time(s) while Fluent answered its probe; last error: "
                + last.getMessage(), null, false, false);
    }
}
