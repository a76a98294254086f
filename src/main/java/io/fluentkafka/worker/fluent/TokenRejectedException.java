package io.fluentkafka.worker.fluent;

/** Internal signal: Fluent refused the bearer token (HTTP 401 or an expired-token error in the body). */
final class TokenRejectedException extends RuntimeException {

    TokenRejectedException() {
        super("Fluent rejected the access token", null, false, false);
    }
}
