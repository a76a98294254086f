package io.fluentkafka.worker.support.fluent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The token endpoint, and how the other endpoints treat the tokens it issues. */
class SimulatorOAuthTest extends SimulatorOverHttp {

    @Nested
    class OAuthToken {

        @Test
        void issuesTokenForPasswordGrantInFormBody() throws Exception {
            Reply reply = postForm("/oauth/token", passwordGrant());

            assertEquals(200, reply.status());
            assertEquals("bearer", reply.at("token_type"));
            assertEquals(86400, reply.at("expires_in"));
            assertEquals("api", reply.at("scope"));
            assertEquals(1, reply.at("Retailer_id"));
            assertEquals(List.of("ADMIN"), reply.at("Roles"));
            assertTrue(fluent.issuedTokens().containsAll(
                    List.of(reply.at("access_token"), reply.at("refresh_token"))));
        }

        @Test
        void acceptsParametersInQueryString() throws Exception {
            Reply reply = postForm("/oauth/token?" + passwordGrant(), "");

            assertEquals(200, reply.status());
            assertEquals(200, graphQl((String) reply.at("access_token"), "{ me { ref } }", null).status());
            assertEquals(account.username(), fluent.tokenRequests().get(0).form().get("username"));
        }

        @Test
        void rejectsBadClientCredentialsWith401() throws Exception {
            Reply reply = postForm("/oauth/token", form(Map.of("grant_type", "password", "scope", "api",
                    "username", account.username(), "password", account.password(),
                    "client_id", account.clientId(), "client_secret", "wrong")));

            assertEquals(401, reply.status());
            assertEquals("invalid_client", reply.at("error"));
            assertEquals("Bad client credentials", reply.at("error_description"));
        }

        @Test
        void rejectsBadUserCredentialsWith400() throws Exception {
            Reply reply = postForm("/oauth/token", form(Map.of("grant_type", "password", "scope", "api",
                    "username", account.username(), "password", "wrong",
                    "client_id", account.clientId(), "client_secret", account.clientSecret())));

            assertEquals(400, reply.status());
            assertEquals(Map.of("error", "invalid_grant", "error_description", "Bad credentials"), reply.json());
        }

        @Test
        void rejectsUnsupportedGrantType() throws Exception {
            Reply reply = postForm("/oauth/token", form(Map.of("grant_type", "implicit",
                    "client_id", account.clientId(), "client_secret", account.clientSecret())));

            assertEquals(400, reply.status());
            assertEquals("unsupported_grant_type", reply.at("error"));
        }

        @Test
        void redeemsRefreshTokenOnlyOnce() throws Exception {
            String refreshToken = (String) postForm("/oauth/token", passwordGrant()).at("refresh_token");
            String refreshGrant = form(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
                    "client_id", account.clientId(), "client_secret", account.clientSecret()));

            Reply first = postForm("/oauth/token", refreshGrant);
            Reply second = postForm("/oauth/token", refreshGrant);

            assertEquals(200, first.status());
            assertNotEquals(refreshToken, first.at("refresh_token"));
            assertEquals(400, second.status());
            assertEquals(Map.of("error", "invalid_grant", "error_description", "Invalid refresh token"), second.json());
        }
    }

    @Nested
    class Authentication {

        @Test
        void answers401WithoutOrWithUnknownToken() throws Exception {
            Reply missing = send(HttpRequest.newBuilder(uri("/graphql"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ me { ref } }\"}")));
            Reply unknown = graphQl("no-such-token", "{ me { ref } }", null);

            assertEquals(401, missing.status());
            assertEquals("invalid_token", missing.at("error"));
            assertEquals(401, unknown.status());
            assertEquals("Invalid access token: no-such-token", unknown.at("error_description"));
        }

        @Test
        void matchesBearerSchemeCaseInsensitively() throws Exception {
            Reply reply = send(HttpRequest.newBuilder(uri("/graphql"))
                    .header("Authorization", "bearer " + accessToken())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ me { ref } }\"}")));

            assertEquals(200, reply.status());
            assertEquals(account.username(), reply.at("data.me.ref"));
        }

        @Test
        void answers401OnceTokenLifetimeHasPassed() throws Exception {
            fluent.tokenLifetime(Duration.ofSeconds(1));
            Reply token = postForm("/oauth/token", passwordGrant());
            String accessToken = (String) token.at("access_token");
            assertEquals(1, token.at("expires_in"));

            await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(100))
                    .until(() -> graphQl(accessToken, "{ me { ref } }", null).status() == 401);

            assertEquals("Access token expired: " + accessToken,
                    graphQl(accessToken, "{ me { ref } }", null).at("error_description"));
        }

        @Test
        void canReportExpiredTokenInGraphQlBody() throws Exception {
            String accessToken = accessToken();
            fluent.expireAllTokens();
            fluent.expiredTokenInBody(true);

            Reply reply = graphQl(accessToken, "{ me { ref } }", null);

            assertEquals(200, reply.status());
            assertEquals("Access token expired: " + accessToken, reply.at("errors.0.message"));
            assertEquals("S0040E", reply.at("errors.0.extensions.code"));
            assertEquals(200, graphQl(accessToken(), "{ me { ref } }", null).status());
        }
    }
}
