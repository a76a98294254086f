package io.fluentkafka.worker.support.fluent;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * What the simulator's tests share: each test class gets a simulator of its own, reset before each test, and drives it
 * over real HTTP, as the worker's Fluent client will.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SimulatorOverHttp {

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OPERATION_NAME = Pattern.compile("^(?:query|mutation)\\s+(\\w+)");
    static final String CREATE_CUSTOMER = """
            mutation Create($input: CreateCustomerInput) {
              createCustomer(input: $input) { id ref username status primaryEmail retailer { id ref } createdOn }
            }""";
    static final String CREATE_PRODUCT = """
            mutation Create($input: CreateStandardProductInput) {
              createStandardProduct(input: $input) { id ref status workflowRef workflowVersion catalogue { ref }
                prices { type currency value } attributes { name type value } }
            }""";

    FluentSimulator fluent;
    SimulatorAccount account;

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
    void startSimulator() {
        fluent = FluentSimulator.start();
        account = fluent.account();
    }

    @AfterAll
    void stopSimulator() {
        fluent.close();
    }

    @BeforeEach
    void resetSimulator() {
        fluent.reset();
    }

    Map<String, Object> customer(String username) {
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

    static Map<String, Object> product(String ref, String catalogueRef, double price) {
        return Map.of("ref", ref, "catalogue", Map.of("ref", catalogueRef), "type", "STANDARD", "gtin", ref,
                "name", "Shirt", "attributes", List.of(Map.of("name", "brand", "type", "STRING", "value", "Acme")),
                "prices", List.of(Map.of("type", "DEFAULT", "currency", "AUD", "value", price)));
    }

    String passwordGrant() {
        return form(Map.of("grant_type", "password", "scope", "api", "username", account.username(),
                "password", account.password(), "client_id", account.clientId(),
                "client_secret", account.clientSecret()));
    }

    String accessToken() throws Exception {
        return (String) postForm("/oauth/token", passwordGrant()).at("access_token");
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    Reply postForm(String pathAndQuery, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply graphQl(String token, String query, Map<String, Object> variables) throws Exception {
        return send(graphQlRequest(token, query, variables));
    }

    HttpRequest.Builder graphQlRequest(String token, String query, Map<String, Object> variables) {
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

    static Reply send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Object> json = JSON.readValue(response.body(), new TypeReference<>() { });
        return new Reply(response.statusCode(), response.headers(), json);
    }

    URI uri(String pathAndQuery) {
        return URI.create(fluent.baseUrl() + pathAndQuery);
    }
}
