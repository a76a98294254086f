package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.OrderAndCustomerResult;
import io.fluentkafka.worker.avro.OrderResult;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.fluent.FluentClient;
import io.fluentkafka.worker.fluent.FluentRejectedException;
import io.micronaut.json.tree.JsonNode;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Fluent's orders for the order kinds: the documents (every value a variable), the look-ups, and the reply's results.
 * Every document selects {@link #FIELDS}, so any answer makes an {@link OrderResult} and, with its customer, an
 * {@link OrderAndCustomerResult}.
 */
final class Orders {

    static final String FIELDS = "id ref type status totalPrice totalTaxPrice retailer { id } customer { " + CustomerUpdates.FIELDS + " }";
    static final String CREATE_ORDER = "mutation CreateOrder($input: CreateOrderInput) { createOrder(input: $input) { " + FIELDS + " } }";
    static final String CREATE_ORDER_AND_CUSTOMER = "mutation CreateOrderAndCustomer($input: CreateOrderAndCustomerInput) "
            + "{ createOrderAndCustomer(input: $input) { " + FIELDS + " } }";
    static final String ORDER_BY_REF = "query OrderByRef($ref: String) { order(ref: $ref) { " + FIELDS + " } }";
    static final String CUSTOMER_BY_REF = "query CustomerByRef($ref: String!) { customer(ref: $ref) { id username } }";
    static final String UPDATE_ORDER = "mutation UpdateOrder($input: UpdateOrderInput) { updateOrder(input: $input) { " + FIELDS + " } }";

    private Orders() {
    }

    /** {@code order(ref:)}: the order with this ref, or empty (Fluent answers null). Run it as a step. */
    static CompletableFuture<Optional<JsonNode>> byRef(FluentClient fluent, String ref) {
        return fluent.graphQl().optional("order", ORDER_BY_REF, Map.of("ref", ref));
    }

    /**
     * The id of the customer with exactly this username: {@code customer(ref:)}, an exact match (a customer's ref is its
     * username), unlike the {@code customers(username:)} search. None: final, FLUENT_REJECTED (the command is well
     * formed; the customer must be created first). Run it as a step.
     */
    static CompletableFuture<String> customerId(FluentClient fluent, String username) {
        return fluent.graphQl().optional("customer", CUSTOMER_BY_REF, Map.of("ref", username)).thenApply(found -> found
                .map(customer -> customer.get("id").coerceStringValue())
                .orElseThrow(() -> FluentRejectedException.of("no customer with username '" + Checks.preview(username)
                        + "' in Fluent: the order's customer must exist (CreateCustomer, or CreateOrderAndCustomer)")));
    }

    /**
     * Whether an order found by ref is the one a command asked for: of its retailer and type, and, when given, of its
     * customer (by id or username). A ref taken by another order is not "already exists": the create's error stands.
     */
    static boolean isTheOrderOf(JsonNode order, String retailerId, String type, String customerId, String customerUsername) {
        JsonNode customer = order.get("customer");
        return ofRetailer(order, retailerId) && type.equals(text(order, "type"))
                && (customerId == null || customerId.equals(text(customer, "id")))
                && (customerUsername == null || customerUsername.equals(text(customer, "username")));
    }

    static boolean ofRetailer(JsonNode order, String retailerId) {
        return retailerId.equals(text(order.get("retailer"), "id"));
    }

    static OrderResult result(JsonNode order) {
        JsonNode customer = order.get("customer");
        return new OrderResult(text(order, "id"), text(order, "ref"), text(order, "type"), text(order, "status"),
                text(order.get("retailer"), "id"), text(customer, "id"), text(customer, "username"), number(order, "totalPrice"),
                number(order, "totalTaxPrice"));
    }

    static OrderAndCustomerResult withCustomer(JsonNode order) {
        JsonNode customer = order.get("customer");
        return new OrderAndCustomerResult(result(order), customer == null || customer.isNull() ? null : Results.customer(customer));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null || node.isNull() ? null : node.get(field);
        return value == null || value.isNull() ? null : value.coerceStringValue();
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isNumber() ? null : value.getDoubleValue();
    }
}
