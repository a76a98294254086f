package io.fluentkafka.worker.fluent;

import java.time.Instant;

/**
 * A bearer token and what came with it. Compared by identity of the value; {@link #toString()} never shows it.
 *
 * @param value      the opaque access token
 * @param renewAt    when to stop using it: {@code expires_in} minus the configured skew
 * @param retailerId the token response's {@code Retailer_id}, or null
 */
record AccessToken(String value, Instant renewAt, String retailerId) {

    boolean usableAt(Instant now) {
        return now.isBefore(renewAt);
    }

    @Override
    public String toString() {
        return "AccessToken[renewAt=" + renewAt + ", retailerId=" + retailerId + ", value=<redacted>]";
    }
}
