package io.fluentkafka.worker.fluent;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The Fluent operations the worker offers, for one connection. Every method is non-blocking and safe to call
 * concurrently; failures complete the future with a {@link FluentException}.
 */
public final class FluentClient {

    private final CustomerDefaults customerDefaults;
    private final GraphQlClient graphQl;
    private final TokenProvider tokens;
    private final JsonMapper json;
    private final ConnectionAvailability availability;

    FluentClient(CustomerDefaults customerDefaults, GraphQlClient graphQl, TokenProvider tokens, JsonMapper json,
                 ConnectionAvailability availability) {
        this.customerDefaults = customerDefaults;
        this.graphQl = graphQl;
        this.tokens = tokens;
        this.json = json;
        this.availability = availability;
    }

    /** Whether this connection answers; callers report each call's outcome to it and wait while it is down. */
    public ConnectionAvailability availability() {
        return availability;
    }

    public CompletableFuture<Customer> createCustomer(CustomerDraft draft) {
        return retailerFor(draft.retailerId()).thenCompose(retailerId -> {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("username", draft.effectiveUsername());
            input.put("primaryEmail", draft.primaryEmail());
            input.put("firstName", draft.firstName());
            putIfPresent(input, "lastName", draft.lastName());
            putIfPresent(input, "primaryPhone", draft.primaryPhone());
            putIfPresent(input, "country", draft.country());
            input.put("timezone", customerDefaults.timezoneFor(draft));
            input.put("promotionOptIn", draft.promotionOptIn());
            input.put("retailer", Map.of("id", retailerId));
            putAttributes(input, draft.attributes());
            return single(FluentDocuments.CREATE_CUSTOMER, Map.of("input", input), "createCustomer", FluentEntities::customer);
        });
    }

    public CompletableFuture<Optional<Customer>> findCustomerByEmail(String primaryEmail) {
        return first(FluentDocuments.CUSTOMERS_BY_EMAIL, Map.of("primaryEmail", List.of(primaryEmail)), "customers")
                .thenApply(node -> node.map(FluentEntities::customer));
    }

    public CompletableFuture<Optional<Customer>> findCustomerByUsername(String username) {
        return first(FluentDocuments.CUSTOMERS_BY_USERNAME, Map.of("username", List.of(username)), "customers")
                .thenApply(node -> node.map(FluentEntities::customer));
    }

    public CompletableFuture<Product> createStandardProduct(ProductDraft draft) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("ref", draft.ref());
        input.put("catalogue", Map.of("ref", draft.catalogueRef()));
        input.put("type", draft.type());
        input.put("name", draft.name());
        putIfPresent(input, "summary", draft.summary());
        input.put("gtin", draft.gtin());
        if (draft.priceCurrency() != null && draft.priceValue() != null) {
            input.put("prices", List.of(Map.of("type", "DEFAULT", "currency", draft.priceCurrency(), "value", draft.priceValue())));
        }
        putAttributes(input, draft.attributes());
        return single(FluentDocuments.CREATE_STANDARD_PRODUCT, Map.of("input", input), "createStandardProduct", FluentEntities::product);
    }

    public CompletableFuture<Optional<Product>> findStandardProduct(String catalogueRef, String ref) {
        Map<String, Object> variables = Map.of("ref", ref, "catalogue", Map.of("ref", catalogueRef));
        return graphQl.execute("standardProduct", FluentDocuments.STANDARD_PRODUCT, variables, null)
                .thenApply(response -> Optional.ofNullable(response.data().get("standardProduct"))
                        .filter(node -> !node.isNull())
                        .map(FluentEntities::product));
    }

    public CompletableFuture<User> currentUser() {
        return single(FluentDocuments.ME, Map.of(), "me", FluentEntities::user);
    }

    /** Runs a caller's document as given; partial data comes back as a response with errors. */
    public CompletableFuture<GraphQlResponse> execute(String document, Map<String, Object> variables, String operationName) {
        return graphQl.execute("graphql", document, variables, operationName);
    }

    private CompletableFuture<String> retailerFor(String commandRetailerId) {
        if (commandRetailerId != null) {
            return CompletableFuture.completedFuture(commandRetailerId);
        }
        if (customerDefaults.retailerId() != null) {
            return CompletableFuture.completedFuture(customerDefaults.retailerId());
        }
        return tokens.current().thenApply(token -> {
            if (token.retailerId() == null) {
                throw new FluentRejectedException("no retailer: the command, the connection's retailer-id and the token's Retailer_id are all empty", List.of());
            }
            return token.retailerId();
        });
    }

    private <T> CompletableFuture<T> single(String document, Map<String, Object> variables, String field, Function<JsonNode, T> reader) {
        return graphQl.execute(field, document, variables, null).thenApply(response -> {
            JsonNode node = response.data().get(field);
            if (node == null || node.isNull()) {
                throw response.partial()
                        ? new FluentRejectedException("Fluent rejected the request: " + FluentErrorMapper.summary(response.errors()), response.errors())
                        : new FluentRejectedException("Fluent returned no " + field, List.of());
            }
            return reader.apply(node);
        });
    }

    private CompletableFuture<Optional<JsonNode>> first(String document, Map<String, Object> variables, String field) {
        return graphQl.execute(field, document, variables, null).thenApply(response -> FluentEntities.firstNode(response.data().get(field)));
    }

    private void putAttributes(Map<String, Object> input, List<AttributeInput> attributes) {
        if (!attributes.isEmpty()) {
            input.put("attributes", attributes.stream()
                    .map(a -> Map.of("name", a.name(), "type", a.type(), "value", a.jsonValue(json)))
                    .toList());
        }
    }

    private static void putIfPresent(Map<String, Object> input, String field, Object value) {
        if (value != null) {
            input.put(field, value);
        }
    }
}
