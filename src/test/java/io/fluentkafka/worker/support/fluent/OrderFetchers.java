package io.fluentkafka.worker.support.fluent;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code createOrder}, {@code createOrderAndCustomer}, {@code updateOrder} and {@code order}. Checks run in the order
 * field lengths (C0141E; 255 unless the customer's own limits), retailer (C0120E), unique ref (C0121E, "Order reference
 * already exists"), customer known (C0120E, createOrder) or username free (C0123E, createOrderAndCustomer); the first
 * failure is the only error. An update of an unknown id is C0120E. A create is atomic: nothing is stored when it fails.
 */
final class OrderFetchers {

    private static final FieldLimits LIMITS = new FieldLimits(Map.of());
    private static final FieldLimits WITH_CUSTOMER = new FieldLimits(Map.of("customer.username", 250, "customer.title", 50,
            "customer.country", 100, "customer.firstName", 50, "customer.lastName", 50, "customer.primaryEmail", 250,
            "customer.primaryPhone", 20, "customer.timezone", 32));

    private final OrderStore orders;
    private final CustomerStore customers;
    private final CustomerFetchers customerFetchers;
    private final AccountProfile profile;
    private final Clock clock;
    private final SimulatorWebhooks webhooks;

    OrderFetchers(OrderStore orders, CustomerStore customers, CustomerFetchers customerFetchers, AccountProfile profile, Clock clock,
                  SimulatorWebhooks webhooks) {
        this.orders = orders;
        this.customers = customers;
        this.customerFetchers = customerFetchers;
        this.profile = profile;
        this.clock = clock;
        this.webhooks = webhooks;
    }

    synchronized DataFetcherResult<Map<String, Object>> create(DataFetchingEnvironment environment) {
        Map<String, Object> input = environment.getArgument("input");
        Optional<FluentError> refused = refusal(input, LIMITS);
        if (refused.isPresent()) {
            return refused.get().toResult(environment);
        }
        String customerId = String.valueOf(((Map<?, ?>) input.get("customer")).get("id"));
        Optional<Map<String, Object>> customer = customers.byId(customerId);
        if (customer.isEmpty()) {
            return FluentError.notFound("Customer '" + customerId + "' not found").toResult(environment);
        }
        return created(orders.add((String) input.get("ref"), id -> order(id, input, customer.get())).orElseThrow());
    }

    synchronized DataFetcherResult<Map<String, Object>> createWithCustomer(DataFetchingEnvironment environment) {
        Map<String, Object> input = environment.getArgument("input");
        Optional<FluentError> refused = refusal(input, WITH_CUSTOMER);
        if (refused.isPresent()) {
            return refused.get().toResult(environment);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> customerInput = (Map<String, Object>) input.get("customer");
        Optional<Map<String, Object>> customer = customerFetchers.add(customerInput);
        if (customer.isEmpty()) {
            return FluentError.alreadyExists("Customer with username '" + customerInput.get("username") + "' already exists")
                    .toResult(environment);
        }
        return created(orders.add((String) input.get("ref"), id -> order(id, input, customer.get())).orElseThrow());
    }

    /**
     * Status, totals and attributes (upserted by name) that the input gives replace the order's. The webhook raised is
     * {@code OrderStatusChanged} when the status changed, else {@code OrderUpdated}.
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
        String id = String.valueOf(input.get("id"));
        Object[] statusBefore = new Object[1];
        return orders.update(id, existing -> {
            statusBefore[0] = existing.get("status");
            return updated(existing, input);
        }).map(order -> {
            webhooks.orderEvent(Objects.equals(statusBefore[0], order.get("status")) ? "OrderUpdated" : "OrderStatusChanged", order);
            return result(order);
        }).orElseGet(() -> FluentError.notFound("Order '" + id + "' not found").toResult(environment));
    }

    /** By ref, else by id; null when not found, as Fluent answers. */
    Map<String, Object> find(DataFetchingEnvironment environment) {
        String ref = environment.getArgument("ref");
        String id = environment.getArgument("id");
        return (ref != null ? orders.byRef(ref) : id != null ? orders.byId(id) : Optional.<Map<String, Object>>empty()).orElse(null);
    }

    /** Stores an order as given, for tests that need one to exist; empty when the ref is taken. */
    Optional<Map<String, Object>> add(String ref, String type) {
        return orders.add(ref, id -> order(id, Map.of("ref", ref, "type", type), null));
    }

    private Optional<FluentError> refusal(Map<String, Object> input, FieldLimits limits) {
        if (input == null) {
            return Optional.of(FluentError.missingInput("Argument 'input' is required"));
        }
        Optional<FluentError> tooLong = limits.firstViolation(input);
        if (tooLong.isPresent()) {
            return tooLong;
        }
        String retailerId = String.valueOf(((Map<?, ?>) input.get("retailer")).get("id"));
        if (!retailerId.equals(profile.account().retailerId())) {
            return Optional.of(FluentError.notFound("Retailer '" + retailerId + "' not found"));
        }
        if (orders.contains((String) input.get("ref"))) {
            return Optional.of(new FluentError("C0121E", "Order reference already exists"));
        }
        return Optional.empty();
    }

    private Map<String, Object> updated(Map<String, Object> existing, Map<String, Object> input) {
        Map<String, Object> order = new LinkedHashMap<>(existing);
        List.of("status", "totalPrice", "totalTaxPrice").stream().filter(field -> input.get(field) != null)
                .forEach(field -> order.put(field, input.get(field)));
        Attributes.upsert(order, existing, input);
        order.put("updatedOn", clock.instant().toString());
        return order;
    }

    private Map<String, Object> order(String id, Map<String, Object> input, Map<String, Object> customer) {
        String now = clock.instant().toString();
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", id);
        order.put("ref", input.get("ref"));
        order.put("type", input.get("type"));
        order.put("status", "CREATED");
        order.put("workflowRef", "ORDER::" + input.get("type"));
        order.put("workflowVersion", 1);
        order.put("attributes", input.getOrDefault("attributes", List.of()));
        order.put("retailer", profile.retailer());
        order.put("totalPrice", input.get("totalPrice"));
        order.put("totalTaxPrice", input.get("totalTaxPrice"));
        order.put("customer", customer);
        order.put("createdOn", now);
        order.put("updatedOn", now);
        return order;
    }

    /** The created order, with its {@code OrderCreated} webhook raised. */
    private DataFetcherResult<Map<String, Object>> created(Map<String, Object> order) {
        webhooks.orderEvent("OrderCreated", order);
        return result(order);
    }

    private static DataFetcherResult<Map<String, Object>> result(Map<String, Object> order) {
        return DataFetcherResult.<Map<String, Object>>newResult().data(order).build();
    }
}
