package io.fluentkafka.worker.fluent;

import io.fluentkafka.worker.config.FluentConnectionConfiguration;
import io.fluentkafka.worker.metrics.WorkerMetrics;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Owns one connection's access token (OAuth 2.0 password grant on {@code POST /oauth/token}).
 *
 * <p>Contract: the token is cached until {@code expires_in} minus the skew; however many callers ask at once,
 * at most one token request is in flight (they share its future); {@link #renew(AccessToken)} after a
 * rejection requests a new token unless another caller already replaced the rejected one. Failed requests are
 * not cached. No token or credential is ever logged or put in an exception message.
 */
final class TokenProvider {

    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private final FluentConnectionConfiguration connection;
    private final FluentTransport transport;
    private final JsonMapper json;
    private final Duration skew;
    private final WorkerMetrics metrics;
    private final Clock clock;
    private final AtomicReference<CompletableFuture<AccessToken>> slot = new AtomicReference<>();

    TokenProvider(FluentConnectionConfiguration connection, FluentTransport transport, JsonMapper json,
                  Duration skew, Clock clock, WorkerMetrics metrics) {
        this.metrics = metrics;
        this.connection = connection;
        this.transport = transport;
        this.json = json;
        this.skew = skew;
        this.clock = clock;
    }

    /** A usable token: the cached one, the one being fetched, or a new one. */
    CompletableFuture<AccessToken> current() {
        while (true) {
            CompletableFuture<AccessToken> cached = slot.get();
            if (cached != null && !stale(cached)) {
                return cached;
            }
            CompletableFuture<AccessToken> fresh = new CompletableFuture<>();
            if (slot.compareAndSet(cached, fresh)) {
                return fetchInto(fresh);
            }
        }
    }

    /** A token other than {@code rejected}, requesting one only if nobody has yet. */
    CompletableFuture<AccessToken> renew(AccessToken rejected) {
        while (true) {
            CompletableFuture<AccessToken> cached = slot.get();
            if (cached != null && (!cached.isDone() || !stale(cached) && cached.join() != rejected)) {
                return cached;
            }
            CompletableFuture<AccessToken> fresh = new CompletableFuture<>();
            if (slot.compareAndSet(cached, fresh)) {
                return fetchInto(fresh);
            }
        }
    }

    private boolean stale(CompletableFuture<AccessToken> token) {
        if (!token.isDone()) {
            return false;
        }
        return token.isCompletedExceptionally() || !token.join().usableAt(clock.instant());
    }

    private CompletableFuture<AccessToken> fetchInto(CompletableFuture<AccessToken> fresh) {
        transport.post("token", "/oauth/token", MediaType.APPLICATION_FORM_URLENCODED_TYPE, passwordGrant(), null)
                .thenApply(this::toToken)
                .whenComplete((token, failure) -> {
                    metrics.tokenRequested(connection.name(), failure == null);
                    if (failure != null) {
                        fresh.completeExceptionally(failure);
                    } else {
                        fresh.complete(token);
                    }
                });
        return fresh;
    }

    private Map<String, String> passwordGrant() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("scope", connection.scope());
        form.put("username", connection.username());
        form.put("password", connection.password());
        form.put("client_id", connection.clientId());
        form.put("client_secret", connection.clientSecret());
        return form;
    }

    private AccessToken toToken(FluentHttpResponse response) {
        int status = response.status();
        if (status == 408 || status == 429 || status >= 500) {
            throw new FluentUnavailableException("Fluent's token endpoint answered HTTP " + status,
                    response.retryAfter().orElse(null));
        }
        JsonNode body = parse(response);
        if (status != 200 || body == null || !text(body, "access_token").isPresent()) {
            String error = body == null ? "" : text(body, "error").map(e -> " " + e).orElse("");
            throw new FluentAuthenticationException("Fluent refused a token for connection '" + connection.name()
                    + "' as user " + connection.username() + " (HTTP " + status + error + ")");
        }
        JsonNode expiresIn = body.get("expires_in");
        Duration lifetime = expiresIn != null && expiresIn.isNumber() ? Duration.ofSeconds(expiresIn.getLongValue()) : DEFAULT_LIFETIME;
        Duration usable = lifetime.compareTo(skew.multipliedBy(2)) > 0 ? lifetime.minus(skew) : lifetime.dividedBy(2);
        JsonNode retailer = body.get("Retailer_id");
        String retailerId = retailer == null || retailer.isNull() ? null : retailer.coerceStringValue();
        return new AccessToken(text(body, "access_token").get(), clock.instant().plus(usable), retailerId);
    }

    private JsonNode parse(FluentHttpResponse response) {
        try {
            return json.readValue(response.body(), JsonNode.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static java.util.Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.isObject() ? node.get(field) : null;
        return value != null && value.isString() && !value.getStringValue().isBlank()
                ? java.util.Optional.of(value.getStringValue()) : java.util.Optional.empty();
    }
}
