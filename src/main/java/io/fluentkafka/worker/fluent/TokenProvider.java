package io.fluentkafka.worker.fluent;

import io.fluentkafka.worker.config.FluentConnectionConfiguration;
import io.fluentkafka.worker.metrics.WorkerMetrics;
import io.fluentkafka.worker.time.Scheduler;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Owns one connection's access token (OAuth 2.0 password grant on {@code POST /oauth/token}).
 *
 * <p>Contract: the token is cached until {@code expires_in} minus the skew; however many callers ask at once,
 * at most one token request is in flight (they share its future); {@link #renew(AccessToken)} after a
 * rejection requests a new token unless another caller already replaced the rejected one. Failed requests are
 * not cached. No token, credential or account name is ever logged or put in an exception message.
 *
 * <p>A token is used for at least {@link #MIN_USABLE}, whatever {@code expires_in} says: an {@code expires_in} of
 * zero, negative or a few seconds would otherwise cost a token request per call. A token that Fluent refuses
 * sooner is renewed on the rejection (see {@link BearerAuthentication}). The floor is logged once per connection.
 */
final class TokenProvider {

    /** The shortest time a token is used before it is renewed unasked. */
    static final Duration MIN_USABLE = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(TokenProvider.class);
    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    /** Sends a password-grant form to the token endpoint; Fluent's answer comes back whatever its status. */
    @FunctionalInterface
    interface Endpoint {
        CompletableFuture<FluentHttpResponse> request(Map<String, String> form);

        /** {@code POST /oauth/token} on {@code transport}. */
        static Endpoint of(FluentTransport transport) {
            return form -> transport.post("token", "/oauth/token", MediaType.APPLICATION_FORM_URLENCODED_TYPE, form, null);
        }
    }

    private final FluentConnectionConfiguration connection;
    private final Endpoint endpoint;
    private final JsonMapper json;
    private final Duration skew;
    private final WorkerMetrics metrics;
    private final Scheduler scheduler;
    private final AtomicReference<CompletableFuture<AccessToken>> slot = new AtomicReference<>();
    private final AtomicBoolean flooredLifetimeLogged = new AtomicBoolean();

    TokenProvider(FluentConnectionConfiguration connection, Endpoint endpoint, JsonMapper json,
                  Duration skew, Scheduler scheduler, WorkerMetrics metrics) {
        this.metrics = metrics;
        this.connection = connection;
        this.endpoint = endpoint;
        this.json = json;
        this.skew = skew;
        this.scheduler = scheduler;
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
        return token.isCompletedExceptionally() || !token.join().usableAt(scheduler.now());
    }

    private CompletableFuture<AccessToken> fetchInto(CompletableFuture<AccessToken> fresh) {
        CompletableFuture<FluentHttpResponse> answer;
        try {
            answer = endpoint.request(passwordGrant());
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e); // else the slot would keep a future that never completes
        }
        answer.thenApply(this::toToken)
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
        if (HttpStatusPolicy.verdict(status) == HttpStatusPolicy.Verdict.TRANSIENT) {
            throw HttpStatusPolicy.unavailable("Fluent's token endpoint", response);
        }
        // no bearer token goes to this endpoint: any other failure, a 401 included, means the credentials are refused
        JsonNode body = parse(response);
        Optional<String> value = body == null ? Optional.empty() : text(body, "access_token");
        if (HttpStatusPolicy.verdict(status) != HttpStatusPolicy.Verdict.SUCCESS || value.isEmpty()) {
            throw FluentErrorMapper.credentialsRefused(connection.name(), status, body);
        }
        return new AccessToken(value.get(), scheduler.now().plus(usable(body.get("expires_in"))));
    }

    /** How long to use a token: {@code expires_in} less the skew (half of it when short), at least {@link #MIN_USABLE}. */
    private Duration usable(JsonNode expiresIn) {
        Duration lifetime = expiresIn != null && expiresIn.isNumber() ? Duration.ofSeconds(expiresIn.getLongValue()) : DEFAULT_LIFETIME;
        Duration usable = lifetime.compareTo(skew.multipliedBy(2)) > 0 ? lifetime.minus(skew) : lifetime.dividedBy(2);
        if (usable.compareTo(MIN_USABLE) >= 0) {
            return usable;
        }
        if (flooredLifetimeLogged.compareAndSet(false, true)) {
            LOG.warn("Fluent grants tokens on connection '{}' with expires_in {} s: each is used for {} s anyway, and renewed "
                    + "sooner only when Fluent refuses it (logged once)", connection.name(), lifetime.toSeconds(), MIN_USABLE.toSeconds());
        }
        return MIN_USABLE;
    }

    private JsonNode parse(FluentHttpResponse response) {
        try {
            return json.readValue(response.body(), JsonNode.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.isObject() ? node.get(field) : null;
        return value != null && value.isString() && !value.getStringValue().isBlank()
                ? Optional.of(value.getStringValue()) : Optional.empty();
    }
}
