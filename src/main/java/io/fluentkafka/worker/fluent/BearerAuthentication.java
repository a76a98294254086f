package io.fluentkafka.worker.fluent;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Runs a call with a bearer token. When Fluent rejects the token ({@link TokenRejectedException}), renews it
 * once and runs the call once more; a second rejection means the credentials are not good enough.
 */
final class BearerAuthentication {

    private final TokenProvider tokens;
    private final String connectionName;

    BearerAuthentication(TokenProvider tokens, String connectionName) {
        this.tokens = tokens;
        this.connectionName = connectionName;
    }

    <T> CompletableFuture<T> call(Function<String, CompletableFuture<T>> request) {
        return tokens.current().thenCompose(token -> request.apply(token.value())
                .exceptionallyCompose(failure -> {
                    if (!(FluentException.causeOf(failure) instanceof TokenRejectedException)) {
                        return CompletableFuture.failedFuture(failure);
                    }
                    return tokens.renew(token).thenCompose(renewed -> request.apply(renewed.value()))
                            .exceptionallyCompose(this::secondRejection);
                }));
    }

    private <T> CompletableFuture<T> secondRejection(Throwable failure) {
        if (FluentException.causeOf(failure) instanceof TokenRejectedException) {
            return CompletableFuture.failedFuture(new FluentAuthenticationException(
                    "Fluent rejected a newly issued token for connection '" + connectionName + "'"));
        }
        return CompletableFuture.failedFuture(failure);
    }
}
