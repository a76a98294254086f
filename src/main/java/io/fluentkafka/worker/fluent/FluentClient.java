package io.fluentkafka.worker.fluent;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The Fluent operations the worker offers, for one connection, over its two ports: {@link #graphQl()} and
 * {@link #rest()}. Every method is non-blocking and safe to call concurrently; failures complete the future with a
 * {@link FluentException}.
 */
public final class FluentClient {

    private final CustomerDefaults customerDefaults;
    private final GraphQlPort graphQl;
    private final RestPort rest;
    private final JsonMapper json;
    private final ConnectionAvailability availability;

    FluentClient(CustomerDefaults customerDefaults, GraphQlPort graphQl, RestPort rest, JsonMapper json,
                 ConnectionAvailability availability) {
        this.customerDefaults = customerDefaults;
        this.graphQl = graphQl;
        this.rest = rest;
        this.json = json;
        this.availability = availability;
    }

    /** Whether this connection answers; callers report each call's outcome to it and wait while it is down. */
    public ConnectionAvailability availability() {
        return availability;
    }

    /** The connection's GraphQL API, for operations that build their own documents. */
    public GraphQlPort graphQl() {
        return graphQl;
    }

    /** The connection's REST APIs (events, jobs and batches). */
    public RestPort rest() {
        return rest;
    }

    /**
     * {@code given}, else the connection's retailer as a create-customer command without one gets it (see
     * {@link CustomerDefaults}); {@code what} names the entity in the failure when there is none. May call Fluent
     * ({@code me}): run it inside a step.
     */
    public CompletableFuture<String> retailerOr(String given, String what) {
        return customerDefaults.retailerOr(given, what);
    }

    /** {@code given}, else the connection's default-timezone: what a customer created without a timezone is sent. */
    public String timezoneOr(String given) {
        return customerDefaults.timezoneOr(given);
    }

    /**
     * Creates the customer with {@code document}, a {@code createCustomer} mutation taking {@code $input:
     * CreateCustomerInput}; a draft without a retailer gets the connection's (see {@link CustomerDefaults}). The answer is
     * the {@code createCustomer} object as Fluent returned it, with the errors Fluent sent next to it.
     */
    public CompletableFuture<RootField> createCustomer(CustomerDraft draft, String document) {
        return customerDefaults.retailerFor(draft).thenCompose(retailerId -> {
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
            return graphQl.singleWithErrors("createCustomer", document, Map.of("input", input));
        });
    }

    public CompletableFuture<Optional<Customer>> findCustomerByUsername(String username) {
        return graphQl.first("customers", FluentDocuments.CUSTOMERS_BY_USERNAME, Map.of("username", List.of(username)))
                .thenApply(node -> node.map(FluentEntities::customer));
    }

    /**
     * Sends the event to Fluent's Event API: {@code POST /api/v4.1/event/sync} when the draft is sync, else
     * {@code /event/async}. A draft without a retailer gets the connection's (see {@link CustomerDefaults}). A sync
     * answer of {@code NO_MATCH} or {@code FAILED} fails with {@link FluentRejectedException} (see {@link FluentEvents}).
     * Not idempotent: every call that reaches Fluent creates an event.
     */
    public CompletableFuture<EventReceipt> sendEvent(EventDraft draft) {
        return customerDefaults.retailerOr(draft.retailerId(), "event")
                .thenCompose(retailerId -> rest.post(draft.sync() ? FluentEvents.SYNC_PATH : FluentEvents.ASYNC_PATH,
                        FluentEvents.body(draft, retailerId)))
                .thenApply(answer -> FluentEvents.receipt(answer, draft.sync()));
    }

    /** Runs a caller's document as given; partial data comes back as a response with errors. */
    public CompletableFuture<GraphQlResponse> execute(String document, Map<String, Object> variables, String operationName) {
        return graphQl.execute(document, variables, operationName);
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
