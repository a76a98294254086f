package io.fluentkafka.worker.fluent;

import java.time.Instant;

/**
 * A bearer token and when to renew it. Compared by identity of the value; {@link #toString()} never shows it.
 *
 * @param value   the opaque access token
 * @param renewAt when to stop using it: {@code expires_in} minus the configured skew
 */
record AccessToken(String value, Instant renewAt) {

    boolean usableAt(Instant now) {
        return now.isBefore(renewAt);
    }

    @Override
    public String toString() {
        return "AccessToken[renewAt=" + renewAt + ", value=<redacted>]";
    }
}
