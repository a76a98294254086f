package io.fluentkafka.worker.support.fluent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every access and refresh token the simulator issued, with its expiry on the injected clock.
 * Thread-safe: a refresh token is redeemed at most once even when raced.
 */
final class TokenStore {

    static final Duration DEFAULT_LIFETIME = Duration.ofDays(1);
    /** Fluent documents refresh tokens as valid for 24 hours, independent of {@code expires_in}. */
    static final Duration REFRESH_LIFETIME = Duration.ofDays(1);

    enum Status { VALID, EXPIRED, UNKNOWN }

    /** A freshly issued pair; {@code lifetime} is what {@code expires_in} reports. */
    record Issued(String accessToken, String refreshToken, Duration lifetime) {
    }

    private record RefreshGrant(String clientId, Instant expiry) {
    }

    private final Clock clock;
    private final Map<String, Instant> accessExpiry = new ConcurrentHashMap<>();
    private final Map<String, RefreshGrant> refreshGrants = new ConcurrentHashMap<>();
    private final Queue<String> issued = new ConcurrentLinkedQueue<>();
    private volatile Duration lifetime = DEFAULT_LIFETIME;

    TokenStore(Clock clock) {
        this.clock = clock;
    }

    /** Applies to tokens issued from now on; tokens already issued keep their expiry. */
    void lifetime(Duration lifetime) {
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("token lifetime must not be negative: " + lifetime);
        }
        this.lifetime = lifetime;
    }

    Issued issue(String clientId) {
        Duration current = lifetime;
        Instant now = clock.instant();
        String access = UUID.randomUUID().toString();
        String refresh = UUID.randomUUID().toString();
        accessExpiry.put(access, now.plus(current));
        refreshGrants.put(refresh, new RefreshGrant(clientId, now.plus(REFRESH_LIFETIME)));
        issued.add(access);
        issued.add(refresh);
        return new Issued(access, refresh, current);
    }

    Status check(String accessToken) {
        Instant expiry = accessToken == null ? null : accessExpiry.get(accessToken);
        if (expiry == null) {
            return Status.UNKNOWN;
        }
        return clock.instant().isBefore(expiry) ? Status.VALID : Status.EXPIRED;
    }

    /** Consumes the refresh token and issues a new pair; empty when unknown, used, expired or another client's. */
    Optional<Issued> redeem(String refreshToken, String clientId) {
        RefreshGrant grant = refreshToken == null ? null : refreshGrants.get(refreshToken);
        if (grant == null || !grant.clientId().equals(clientId) || !clock.instant().isBefore(grant.expiry())) {
            return Optional.empty();
        }
        return refreshGrants.remove(refreshToken, grant) ? Optional.of(issue(clientId)) : Optional.empty();
    }

    /** Every access and refresh token issued so far is expired from this instant on. */
    void expireAll() {
        Instant now = clock.instant();
        accessExpiry.replaceAll((token, expiry) -> now);
        refreshGrants.replaceAll((token, grant) -> new RefreshGrant(grant.clientId(), now));
    }

    /** Access and refresh tokens in the order they were issued. */
    List<String> issuedTokens() {
        return List.copyOf(issued);
    }
}
