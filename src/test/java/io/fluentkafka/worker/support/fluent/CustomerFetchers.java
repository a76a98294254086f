package io.fluentkafka.worker.support.fluent;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code createCustomer}, {@code updateCustomer}, {@code customer}, {@code customerById} and {@code customers}.
 * Checks run in the order field lengths (C0141E), retailer (C0120E, create), unique username (C0123E, create) or
 * known username (C0120E, update); the first failure is the only error.
 */
final class CustomerFetchers {

    private static final FieldLimits LIMITS = new FieldLimits(Map.of(
            "username", 250, "title", 50, "country", 100, "firstName", 50, "lastName", 50,
            "primaryEmail", 250, "primaryPhone", 20, "timezone", 32));
    /** What {@code UpdateCustomerInput} may change: everything but the username (the key) and the attributes. */
    private static final List<String> UPDATED_FIELDS = List.of("title", "country", "firstName", "lastName", "primaryEmail",
            "primaryPhone", "timezone", "promotionOptIn");
    private static final List<String> COPIED_FIELDS = List.of("username", "title", "department", "country",
            "firstName", "lastName", "primaryEmail", "primaryPhone", "timezone", "promotionOptIn");

    private final CustomerStore store;
    private final AccountProfile profile;
    private final Clock clock;

    CustomerFetchers(CustomerStore store, AccountProfile profile, Clock clock) {
        this.store = store;
        this.profile = profile;
        this.clock = clock;
    }

    DataFetcherResult<Map<String, Object>> create(DataFetchingEnvironment environment) {
        Map<String, Object> input = environment.getArgument("input");
        if (input == null) {
            return FluentError.missingInput("Argument 'input' is required").toResult(environment);
        }
        Optional<FluentError> tooLong = LIMITS.firstViolation(input);
        if (tooLong.isPresent()) {
            return tooLong.get().toResult(environment);
        }
        Map<?, ?> retailer = (Map<?, ?>) input.get("retailer");
        String retailerId = String.valueOf(retailer.get("id"));
        if (!retailerId.equals(profile.account().retailerId())) {
            return FluentError.notFound("Retailer '" + retailerId + "' not found").toResult(environment);
        }
        String username = (String) input.get("username");
        return add(input).map(CustomerFetchers::result)
                .orElseGet(() -> FluentError.alreadyExists("Customer with username '" + username + "' already exists")
                        .toResult(environment));
    }

    /** Stores a customer from a {@code CreateCustomerInput} as is, unchecked; empty when its username is taken. */
    Optional<Map<String, Object>> add(Map<String, Object> input) {
        return store.add((String) input.get("username"), id -> customer(id, input));
    }

    /**
     * The fields the input gives (not null) replace the customer's; attributes are upserted by name (an attribute
     * replaces the one of its name, in place, or is added at the end). An unknown username is C0120E, with a null
     * {@code updateCustomer}, as Fluent answers for an entity it cannot find.
     */
    DataFetcherResult<Map<String, Object>> update(DataFetchingEnvironment environment) {
        Map<String, Object> input = environment.getArgument("input");
        if (input == null) {
            return FluentError.missingInput("Argument 'input' is required").toResult(environment);
        }
        Optional<FluentError> tooLong = LIMITS.firstViolation(input);
        if (tooLong.isPresent()) {
            return tooLong.get().toResult(environment);
        }
        String username = (String) input.get("username");
        return store.update(username, existing -> updated(existing, input)).map(CustomerFetchers::result)
                .orElseGet(() -> FluentError.notFound("Customer with username '" + username + "' not found").toResult(environment));
    }

    /** Null when not found, as Fluent answers. A customer's ref is its username. */
    Map<String, Object> byRef(DataFetchingEnvironment environment) {
        return store.byUsername(environment.getArgument("ref")).orElse(null);
    }

    Map<String, Object> byId(DataFetchingEnvironment environment) {
        return store.byId(environment.getArgument("id")).orElse(null);
    }

    Map<String, Object> search(DataFetchingEnvironment environment) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (String field : List.of("ref", "username", "primaryEmail")) {
            filters.put(field, environment.getArgument(field));
        }
        return Connections.page(store.search(filters), environment.getArgument("first"), environment.getArgument("after"));
    }

    private Map<String, Object> updated(Map<String, Object> existing, Map<String, Object> input) {
        Map<String, Object> customer = new LinkedHashMap<>(existing);
        UPDATED_FIELDS.stream().filter(field -> input.get(field) != null).forEach(field -> customer.put(field, input.get(field)));
        Attributes.upsert(customer, existing, input);
        customer.put("updatedOn", clock.instant().toString());
        return customer;
    }

    private static DataFetcherResult<Map<String, Object>> result(Map<String, Object> customer) {
        return DataFetcherResult.<Map<String, Object>>newResult().data(customer).build();
    }

    private Map<String, Object> customer(String id, Map<String, Object> input) {
        String now = clock.instant().toString();
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", id);
        customer.put("ref", input.get("username"));
        customer.put("status", "ACTIVE");
        COPIED_FIELDS.forEach(field -> customer.put(field, input.get(field)));
        customer.put("attributes", input.getOrDefault("attributes", List.of()));
        Object otherRetailer = input.get("otherRetailerId"); // only from FluentSimulator.addCustomerOfRetailer
        customer.put("retailer", otherRetailer == null ? profile.retailer() : Map.of("id", otherRetailer, "ref", "OTHER", "status", "ACTIVE"));
        customer.put("createdOn", now);
        customer.put("updatedOn", now);
        return customer;
    }
}
