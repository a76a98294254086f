package io.fluentkafka.worker.support.fluent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Drives the simulator over real HTTP, as the worker's Fluent client will. */
class FluentSimulatorTest {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OPERATION_NAME = Pattern.compile("^(?:query|mutation)\\s+(\\w+)");
    private static final String CREATE_CUSTOMER = """
            mutation Create($input: CreateCustomerInput) {
              createCustomer(input: $input) { id ref username status primaryEmail retailer { id ref } createdOn }
            }""";
    private static final String UPDATE_CUSTOMER = """
            mutation Update($input: UpdateCustomerInput) {
              updateCustomer(input: $input) { id ref firstName lastName primaryEmail attributes { name value } }
            }""";
    private static final String CREATE_PRODUCT = """
            mutation Create($input: CreateStandardProductInput) {
              createStandardProduct(input: $input) { id ref status workflowRef workflowVersion catalogue { ref }
                prices { type currency value } attributes { name type value } }
            }""";

    private static FluentSimulator fluent;
    private static SimulatorAccount account;

    record Reply(int status, HttpHeaders headers, Map<String, Object> json) {

        Object at(String dottedPath) {
            Object node = json;
            for (String step : dottedPath.split("\\.")) {
                node = node instanceof List<?> list ? list.get(Integer.parseInt(step)) : ((Map<?, ?>) node).get(step);
            }
            return node;
        }
    }

    @BeforeAll
    static void startSimulator() {
        fluent = FluentSimulator.start();
        account = fluent.account();
    }

    @AfterAll
    static void stopSimulator() {
        fluent.close();
    }

    @BeforeEach
    void resetSimulator() {
        fluent.reset();
    }

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

    @Nested
    class Customers {

        @Test
        void createsCustomerThenRejectsDuplicateUsername() throws Exception {
            String token = accessToken();

            Reply created = graphQl(token, CREATE_CUSTOMER, Map.of("input", customer("1_jane@example.com")));
            Reply duplicate = graphQl(token, CREATE_CUSTOMER, Map.of("input", customer("1_jane@example.com")));

            assertNull(created.json().get("errors"));
            assertEquals("1_jane@example.com", created.at("data.createCustomer.ref"));
            assertEquals("ACTIVE", created.at("data.createCustomer.status"));
            assertEquals("1", created.at("data.createCustomer.retailer.id"));
            assertTrue(((String) created.at("data.createCustomer.id")).matches("\\d+"));
            assertEquals(200, duplicate.status());
            assertTrue(duplicate.json().containsKey("data"));
            assertNull(duplicate.at("data.createCustomer"));
            assertEquals("C0123E: Customer with username '1_jane@example.com' already exists",
                    duplicate.at("errors.0.message"));
            assertEquals(List.of("createCustomer"), duplicate.at("errors.0.path"));
            assertEquals(Map.of("code", "C0123E", "classification", "DataFetchingException"),
                    duplicate.at("errors.0.extensions"));
            assertEquals(1, fluent.customerCount());
            assertEquals("jane@example.com", fluent.customerByUsername("1_jane@example.com").orElseThrow()
                    .get("primaryEmail"));
        }

        @Test
        void rejectsFieldLongerThanFluentAllows() throws Exception {
            Map<String, Object> input = customer("1_long@example.com");
            input.put("firstName", "x".repeat(51));

            Reply reply = graphQl(accessToken(), CREATE_CUSTOMER, Map.of("input", input));

            assertEquals("C0141E: Field 'firstName' exceeds the maximum length of 50", reply.at("errors.0.message"));
            assertEquals("C0141E", reply.at("errors.0.extensions.code"));
            assertEquals(0, fluent.customerCount());
        }

        @Test
        void rejectsAnotherRetailer() throws Exception {
            Map<String, Object> input = customer("7_jane@example.com");
            input.put("retailer", Map.of("id", "7"));

            Reply reply = graphQl(accessToken(), CREATE_CUSTOMER, Map.of("input", input));

            assertEquals("C0120E: Retailer '7' not found", reply.at("errors.0.message"));
        }

        @Test
        void searchesCustomersByPrimaryEmailWithWildcardsAndPages() throws Exception {
            String token = accessToken();
            for (String name : List.of("ann", "bob", "cid")) {
                graphQl(token, CREATE_CUSTOMER, Map.of("input", customer("1_" + name + "@example.com")));
            }
            String search = "query Find($email: [String], $after: String) { customers(primaryEmail: $email, first: 2,"
                    + " after: $after) { edges { cursor node { ref } } pageInfo { hasNextPage hasPreviousPage } } }";

            Reply found = graphQl(token, search, Map.of("email", List.of("bob@example.com")));
            Reply missing = graphQl(token, search, Map.of("email", "nobody@example.com"));
            Reply firstPage = graphQl(token, search, Map.of("email", "%@example.com"));
            Map<String, Object> next = new LinkedHashMap<>(Map.of("email", "%@example.com"));
            next.put("after", firstPage.at("data.customers.edges.1.cursor"));
            Reply secondPage = graphQl(token, search, next);

            assertEquals("1_bob@example.com", found.at("data.customers.edges.0.node.ref"));
            assertEquals(List.of(), missing.at("data.customers.edges"));
            assertEquals(true, firstPage.at("data.customers.pageInfo.hasNextPage"));
            assertEquals("1_cid@example.com", secondPage.at("data.customers.edges.0.node.ref"));
            assertEquals(false, secondPage.at("data.customers.pageInfo.hasNextPage"));
            assertEquals(true, secondPage.at("data.customers.pageInfo.hasPreviousPage"));
        }

        @Test
        void findsCustomerByRefAndAnswersNullWhenAbsent() throws Exception {
            String token = accessToken();
            graphQl(token, CREATE_CUSTOMER, Map.of("input", customer("1_dee@example.com")));

            Reply reply = graphQl(token,
                    "{ a: customer(ref: \"1_dee@example.com\") { username } b: customer(ref: \"none\") { username } }",
                    null);

            assertEquals("1_dee@example.com", reply.at("data.a.username"));
            assertTrue(((Map<?, ?>) reply.at("data")).containsKey("b"));
            assertNull(reply.at("data.b"));
        }

        @Test
        void storesAttributeValuesOfAnyJsonType() throws Exception {
            String mutation = """
                    mutation { createCustomer(input: {username: "1_attr@example.com", primaryEmail: "a@example.com",
                      timezone: "UTC", promotionOptIn: true, retailer: {id: "1"}, attributes: [
                        {name: "tier", type: "STRING", value: "gold"}, {name: "points", type: "INTEGER", value: 42},
                        {name: "vip", type: "BOOLEAN", value: true},
                        {name: "prefs", type: "JSON", value: {channels: ["sms", "email"], score: 1.5}}]})
                      { attributes { name value } } }""";

            Reply reply = graphQl(accessToken(), mutation, null);

            assertEquals("gold", reply.at("data.createCustomer.attributes.0.value"));
            assertEquals(42, reply.at("data.createCustomer.attributes.1.value"));
            assertEquals(true, reply.at("data.createCustomer.attributes.2.value"));
            assertEquals(Map.of("channels", List.of("sms", "email"), "score", 1.5),
                    reply.at("data.createCustomer.attributes.3.value"));
        }

        @Test
        void updatesOnlyTheFieldsGivenAndUpsertsAttributesByName() throws Exception {
            String token = accessToken();
            Map<String, Object> input = customer("1_upd@example.com");
            input.put("attributes", List.of(Map.of("name", "tier", "type", "STRING", "value", "silver"),
                    Map.of("name", "points", "type", "INTEGER", "value", 1)));
            graphQl(token, CREATE_CUSTOMER, Map.of("input", input));
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("username", "1_upd@example.com");
            changes.put("lastName", "Roe");
            changes.put("primaryEmail", "roe@example.com");
            changes.put("firstName", null);
            changes.put("attributes", List.of(Map.of("name", "tier", "type", "STRING", "value", "gold"),
                    Map.of("name", "vip", "type", "BOOLEAN", "value", true)));

            Reply reply = graphQl(token, UPDATE_CUSTOMER, Map.of("input", changes));

            assertNull(reply.json().get("errors"));
            assertEquals("Roe", reply.at("data.updateCustomer.lastName"));
            assertEquals("Jane", reply.at("data.updateCustomer.firstName"));
            assertEquals("1_upd@example.com", reply.at("data.updateCustomer.ref"));
            assertEquals(List.of(Map.of("name", "tier", "value", "gold"), Map.of("name", "points", "value", 1),
                    Map.of("name", "vip", "value", true)), reply.at("data.updateCustomer.attributes"));
            assertEquals("1_upd@example.com", graphQl(token, "{ customers(primaryEmail: [\"roe@example.com\"]) "
                    + "{ edges { node { username } } } }", null).at("data.customers.edges.0.node.username"));
            assertEquals(List.of(), graphQl(token, "{ customers(primaryEmail: [\"upd@example.com\"]) "
                    + "{ edges { node { username } } } }", null).at("data.customers.edges"));
        }

        @Test
        void rejectsAnUpdateOfAnUnknownUsernameOrAnOverlongField() throws Exception {
            String token = accessToken();
            graphQl(token, CREATE_CUSTOMER, Map.of("input", customer("1_known@example.com")));

            Reply unknown = graphQl(token, UPDATE_CUSTOMER, Map.of("input", Map.of("username", "1_ghost@example.com", "lastName", "X")));
            Reply tooLong = graphQl(token, UPDATE_CUSTOMER, Map.of("input", Map.of("username", "1_known@example.com",
                    "primaryPhone", "1".repeat(21))));

            assertNull(unknown.at("data.updateCustomer"));
            assertEquals("C0120E: Customer with username '1_ghost@example.com' not found", unknown.at("errors.0.message"));
            assertEquals(Map.of("code", "C0120E", "classification", "DataFetchingException"), unknown.at("errors.0.extensions"));
            assertEquals(List.of("updateCustomer"), unknown.at("errors.0.path"));
            assertEquals("C0141E: Field 'primaryPhone' exceeds the maximum length of 20", tooLong.at("errors.0.message"));
            assertEquals(1, fluent.customerCount());
        }

        @Test
        void answersMeWithTheAccountUser() throws Exception {
            Reply reply = graphQl(accessToken(), "{ me { id ref username type status primaryRetailer { id ref } } }",
                    null);

            assertEquals(Map.of("id", "5", "ref", account.username(), "username", account.username(),
                    "type", "RETAILER", "status", "ACTIVE", "primaryRetailer", Map.of("id", "1", "ref", "acme")),
                    reply.at("data.me"));
        }
    }

    @Nested
    class Products {

        @Test
        void createsProductThenRejectsDuplicateInSameCatalogue() throws Exception {
            String token = accessToken();

            Reply created = graphQl(token, CREATE_PRODUCT, Map.of("input", product("SKU-1", "PC:MASTER:1", 49.95)));
            Reply duplicate = graphQl(token, CREATE_PRODUCT, Map.of("input", product("SKU-1", "PC:MASTER:1", 49.95)));
            fluent.addCatalogue("PC:OTHER:1");
            Reply otherCatalogue = graphQl(token, CREATE_PRODUCT, Map.of("input", product("SKU-1", "PC:OTHER:1", 1)));

            assertEquals("CREATED", created.at("data.createStandardProduct.status"));
            assertEquals("PRODUCT_CATALOGUE::MASTER", created.at("data.createStandardProduct.workflowRef"));
            assertEquals(1, created.at("data.createStandardProduct.workflowVersion"));
            assertEquals(49.95, created.at("data.createStandardProduct.prices.0.value"));
            assertNull(duplicate.at("data.createStandardProduct"));
            assertEquals("C0123E: Product with ref 'SKU-1' already exists in catalogue 'PC:MASTER:1'",
                    duplicate.at("errors.0.message"));
            assertNull(otherCatalogue.json().get("errors"));
            assertEquals(2, fluent.productCount());
            assertEquals("Shirt", fluent.product("PC:MASTER:1", "SKU-1").orElseThrow().get("name"));
        }

        @Test
        void rejectsUnknownCatalogueAndNegativePrice() throws Exception {
            String token = accessToken();

            Reply unknown = graphQl(token, CREATE_PRODUCT, Map.of("input", product("SKU-2", "PC:NONE:1", 1)));
            Reply negative = graphQl(token, CREATE_PRODUCT, Map.of("input", product("SKU-3", "PC:MASTER:1", -1)));

            assertEquals("C0120E: Product catalogue 'PC:NONE:1' not found", unknown.at("errors.0.message"));
            assertEquals("C0122E", negative.at("errors.0.extensions.code"));
            assertEquals(0, fluent.productCount());
        }

        @Test
        void reportsEachAliasedMutationAtItsOwnPath() throws Exception {
            String token = accessToken();
            graphQl(token, CREATE_PRODUCT, Map.of("input", product("SKU-1", "PC:MASTER:1", 1)));
            String batch = "mutation Batch($p1: CreateStandardProductInput, $p2: CreateStandardProductInput) {"
                    + " create1: createStandardProduct(input: $p1) { ref } create2: createStandardProduct(input: $p2) { ref } }";

            Reply reply = graphQl(token, batch, Map.of("p1", product("SKU-1", "PC:MASTER:1", 1),
                    "p2", product("SKU-2", "PC:MASTER:1", 1)));

            assertNull(reply.at("data.create1"));
            assertEquals("SKU-2", reply.at("data.create2.ref"));
            assertEquals(List.of("create1"), reply.at("errors.0.path"));
        }

        @Test
        void findsProductByRefAndCatalogue() throws Exception {
            String token = accessToken();
            graphQl(token, CREATE_PRODUCT, Map.of("input", product("SKU-9", "PC:MASTER:1", 5)));

            Reply reply = graphQl(token,
                    "{ standardProduct(ref: \"SKU-9\", catalogue: {ref: \"PC:MASTER:1\"}) { gtin catalogue { ref } } }",
                    null);

            assertEquals("SKU-9", reply.at("data.standardProduct.gtin"));
        }
    }

    @Nested
    class RequestErrors {

        @Test
        void syntaxErrorHasGraphQlJavaShapeAndNoData() throws Exception {
            Reply reply = graphQl(accessToken(), "{ me { ref ", null);

            assertEquals(200, reply.status());
            assertNull(reply.json().get("data"));
            assertEquals("InvalidSyntax", reply.at("errors.0.extensions.classification"));
            assertTrue(((String) reply.at("errors.0.message")).contains("Invalid syntax"));
        }

        @Test
        void validationErrorHasGraphQlJavaShapeAndNoData() throws Exception {
            Reply reply = graphQl(accessToken(), "{ me { ref noSuchField } }", null);

            assertNull(reply.json().get("data"));
            assertEquals("ValidationError", reply.at("errors.0.extensions.classification"));
        }

        @Test
        void rejectsBodyThatIsNotJsonWith400() throws Exception {
            Reply reply = send(HttpRequest.newBuilder(uri("/graphql"))
                    .header("Authorization", "Bearer " + accessToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{not json")));

            assertEquals(400, reply.status());
        }
    }

    @Nested
    class Faults {

        @Test
        void failsNextRequestsWithGivenStatusThenRecovers() throws Exception {
            String token = accessToken();
            fluent.failNextGraphQl(2, 502);

            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                statuses.add(graphQl(token, "{ me { ref } }", null).status());
            }

            assertEquals(List.of(502, 502, 200), statuses);
        }

        @Test
        void throttlesWithRetryAfterHeader() throws Exception {
            String token = accessToken();
            fluent.throttleNextGraphQl(1, Duration.ofSeconds(2));

            Reply throttled = graphQl(token, "{ me { ref } }", null);

            assertEquals(429, throttled.status());
            assertEquals("2", throttled.headers().firstValue("Retry-After").orElseThrow());
            assertEquals(200, graphQl(token, "{ me { ref } }", null).status());
        }

        @Test
        void outageAnswers503OnEveryEndpoint() throws Exception {
            String token = accessToken();
            fluent.outage(true);

            assertEquals(503, postForm("/oauth/token", passwordGrant()).status());
            assertEquals(503, graphQl(token, "{ me { ref } }", null).status());
            fluent.outage(false);
            assertEquals(200, graphQl(token, "{ me { ref } }", null).status());
        }

        @Test
        void hangsLongerThanClientTimeoutThenAnswers504() throws Exception {
            String token = accessToken();
            fluent.hangNextGraphQl(2, Duration.ofMillis(400));

            assertThrows(HttpTimeoutException.class, () -> HTTP.send(graphQlRequest(token, "{ me { ref } }", null)
                    .timeout(Duration.ofMillis(100)).build(), HttpResponse.BodyHandlers.ofString()));
            long start = System.nanoTime();
            Reply held = graphQl(token, "{ me { ref } }", null);

            assertEquals(504, held.status());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 400);
            assertEquals(200, graphQl(token, "{ me { ref } }", null).status());
        }

        @Test
        void appliesRandomFaultRates() throws Exception {
            String token = accessToken();

            fluent.faultRates(1.0, 0, 0, Duration.ZERO);
            assertEquals(503, graphQl(token, "{ me { ref } }", null).status());
            fluent.faultRates(0, 1.0, 0, Duration.ZERO);
            assertEquals("1", graphQl(token, "{ me { ref } }", null).headers().firstValue("Retry-After").orElseThrow());
            fluent.faultRates(0, 0, 0, Duration.ZERO);
            assertEquals(200, graphQl(token, "{ me { ref } }", null).status());
        }

        @Test
        void servesHundredsOfConcurrentSlowRequests() throws Exception {
            String token = accessToken();
            fluent.latency(Duration.ofMillis(300));
            long start = System.nanoTime();

            List<CompletableFuture<HttpResponse<String>>> replies = IntStream.range(0, 300)
                    .mapToObj(i -> HTTP.sendAsync(graphQlRequest(token, CREATE_CUSTOMER,
                            Map.of("input", customer("1_c" + i + "@example.com"))).build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .toList();
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).join();

            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5, "requests were served in parallel");
            assertTrue(replies.stream().allMatch(reply -> reply.join().statusCode() == 200));
            Set<Object> ids = IntStream.range(0, 300)
                    .mapToObj(i -> fluent.customerByUsername("1_c" + i + "@example.com").orElseThrow().get("id"))
                    .collect(Collectors.toSet());
            assertEquals(300, ids.size());
        }
    }

    @Nested
    class Recording {

        @Test
        void recordsHeadersBodyFormAndGraphQlParts() throws Exception {
            String token = accessToken();
            graphQl(token, "query Me { me { ref } }", Map.of("x", 1));

            RecordedRequest tokenRequest = fluent.tokenRequests().get(0);
            RecordedRequest graphQlRequest = fluent.graphQlRequests().get(0);

            assertEquals(List.of(tokenRequest, graphQlRequest), fluent.requests());
            assertEquals("POST", tokenRequest.method());
            assertEquals("password", tokenRequest.form().get("grant_type"));
            assertEquals("application/x-www-form-urlencoded", tokenRequest.header("content-type"));
            assertTrue(tokenRequest.body().contains("grant_type=password"));
            assertEquals("Bearer " + token, graphQlRequest.authorization());
            assertEquals("query Me { me { ref } }", graphQlRequest.query());
            assertEquals("Me", graphQlRequest.operationName());
            assertEquals(Map.of("x", 1), graphQlRequest.variables());
            fluent.clearRecordedRequests();
            assertEquals(List.of(), fluent.requests());
        }

        @Test
        void resetClearsDataAndFaultsButKeepsTokensValid() throws Exception {
            String token = accessToken();
            graphQl(token, CREATE_CUSTOMER, Map.of("input", customer("1_gone@example.com")));
            fluent.addCatalogue("PC:TEMP:1");
            fluent.failNextGraphQl(5, 500);

            fluent.reset();

            assertEquals(0, fluent.customerCount());
            assertEquals(List.of(), fluent.requests());
            assertEquals(200, graphQl(token, "{ me { ref } }", null).status());
            assertEquals("C0120E", graphQl(token, CREATE_PRODUCT, Map.of("input", product("S", "PC:TEMP:1", 1)))
                    .at("errors.0.extensions.code"));
        }
    }

    private static Map<String, Object> customer(String username) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("username", username);
        input.put("firstName", "Jane");
        input.put("lastName", "Doe");
        input.put("primaryEmail", username.substring(username.indexOf('_') + 1));
        input.put("timezone", "GMT+10");
        input.put("promotionOptIn", false);
        input.put("retailer", Map.of("id", account.retailerId()));
        return input;
    }

    private static Map<String, Object> product(String ref, String catalogueRef, double price) {
        return Map.of("ref", ref, "catalogue", Map.of("ref", catalogueRef), "type", "STANDARD", "gtin", ref,
                "name", "Shirt", "attributes", List.of(Map.of("name", "brand", "type", "STRING", "value", "Acme")),
                "prices", List.of(Map.of("type", "DEFAULT", "currency", "AUD", "value", price)));
    }

    private static String passwordGrant() {
        return form(Map.of("grant_type", "password", "scope", "api", "username", account.username(),
                "password", account.password(), "client_id", account.clientId(),
                "client_secret", account.clientSecret()));
    }

    private static String accessToken() throws Exception {
        return (String) postForm("/oauth/token", passwordGrant()).at("access_token");
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Reply postForm(String pathAndQuery, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static Reply graphQl(String token, String query, Map<String, Object> variables) throws Exception {
        return send(graphQlRequest(token, query, variables));
    }

    private static HttpRequest.Builder graphQlRequest(String token, String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        Matcher named = OPERATION_NAME.matcher(query);
        body.put("operationName", named.find() ? named.group(1) : null);
        try {
            return HttpRequest.newBuilder(uri("/graphql"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Reply send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Object> json = JSON.readValue(response.body(), new TypeReference<>() { });
        return new Reply(response.statusCode(), response.headers(), json);
    }

    private static URI uri(String pathAndQuery) {
        return URI.create(fluent.baseUrl() + pathAndQuery);
    }
}
