package io.fluentkafka.worker.fluent;

/**
 * The one reading of the HTTP status of any answer from Fluent: the token endpoint, {@code /graphql} and the REST
 * APIs. It decides only the category; what a category means for a given endpoint is its caller's contract (a 401
 * from {@code /oauth/token} is refused credentials, from an API a refused bearer token).
 */
final class HttpStatusPolicy {

    /** What a status means, whatever the body says. */
    enum Verdict {
        /** 2xx: read the body. */
        SUCCESS,
        /** 401: the bearer token was refused; renew it once and try again. */
        TOKEN_REJECTED,
        /** 408, 429 and 5xx: worth retrying, after {@code Retry-After} when Fluent sent one. */
        TRANSIENT,
        /** Any other status (1xx, 3xx, 4xx): the same request will fail again. */
        FINAL
    }

    private HttpStatusPolicy() {
    }

    static Verdict verdict(int status) {
        if (status >= 200 && status <= 299) {
            return Verdict.SUCCESS;
        }
        if (status == 401) {
            return Verdict.TOKEN_REJECTED;
        }
        if (status == 408 || status == 429 || status >= 500) {
            return Verdict.TRANSIENT;
        }
        return Verdict.FINAL;
    }

    /**
     * The failure for a {@link Verdict#TRANSIENT} answer, carrying its {@code Retry-After}. {@code endpoint} names
     * what answered ("Fluent", "Fluent's token endpoint"); the body is never quoted.
     */
    static FluentUnavailableException unavailable(String endpoint, FluentHttpResponse response) {
        return new FluentUnavailableException(endpoint + " answered HTTP " + response.status(), response.retryAfter().orElse(null));
    }
}
