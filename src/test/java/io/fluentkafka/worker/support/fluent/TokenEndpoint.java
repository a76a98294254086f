package io.fluentkafka.worker.support.fluent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /oauth/token}: the password and refresh_token grants, answered in Spring Security OAuth2's
 * shape (fluent-api.md §2). The client is authenticated before the grant is looked at, as Spring does.
 */
final class TokenEndpoint {

    private final AccountProfile profile;
    private final TokenStore tokens;

    TokenEndpoint(AccountProfile profile, TokenStore tokens) {
        this.profile = profile;
        this.tokens = tokens;
    }

    /** @param params the query-string and form-body parameters together */
    SimulatorResponse handle(Map<String, String> params) {
        SimulatorAccount account = profile.account();
        if (!account.clientId().equals(params.get("client_id"))
                || !account.clientSecret().equals(params.get("client_secret"))) {
            return SimulatorResponse.oauthError(401, "invalid_client", "Bad client credentials");
        }
        String grantType = params.getOrDefault("grant_type", "");
        return switch (grantType) {
            case "password" -> passwordGrant(params);
            case "refresh_token" -> refreshGrant(params);
            default -> SimulatorResponse.oauthError(400, "unsupported_grant_type",
                    "Unsupported grant type: " + grantType);
        };
    }

    private SimulatorResponse passwordGrant(Map<String, String> params) {
        SimulatorAccount account = profile.account();
        if (!account.username().equals(params.get("username")) || !account.password().equals(params.get("password"))) {
            return SimulatorResponse.oauthError(400, "invalid_grant", "Bad credentials");
        }
        String scope = params.get("scope");
        if (!"api".equals(scope)) {
            return SimulatorResponse.oauthError(400, "invalid_scope", scope == null || scope.isBlank()
                    ? "Empty scope (either the client or the user is not allowed the requested scopes)"
                    : "Invalid scope: " + scope);
        }
        return granted(tokens.issue(account.clientId()));
    }

    private SimulatorResponse refreshGrant(Map<String, String> params) {
        Optional<TokenStore.Issued> issued = tokens.redeem(params.get("refresh_token"), profile.account().clientId());
        return issued.map(this::granted)
                .orElseGet(() -> SimulatorResponse.oauthError(400, "invalid_grant", "Invalid refresh token"));
    }

    private SimulatorResponse granted(TokenStore.Issued issued) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issued.accessToken());
        body.put("token_type", "bearer");
        body.put("expires_in", issued.lifetime().toSeconds());
        body.put("scope", "api");
        body.put("Retailer_id", profile.retailerIdForToken());
        body.put("FirstName", AccountProfile.FIRST_NAME);
        body.put("LastName", AccountProfile.LAST_NAME);
        body.put("Roles", AccountProfile.ROLES);
        body.put("refresh_token", issued.refreshToken());
        return SimulatorResponse.json(200, body)
                .withHeader("Cache-Control", "no-store")
                .withHeader("Pragma", "no-cache");
    }
}
