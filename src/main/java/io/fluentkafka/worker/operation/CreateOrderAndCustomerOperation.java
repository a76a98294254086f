package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.CreateOrderAndCustomer;
import io.fluentkafka.worker.avro.OrderCustomer;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.command.Repeat;
import io.fluentkafka.worker.fluent.FluentClient;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code create-order-and-customer}: Fluent's {@code createOrderAndCustomer}, the order and a new customer in one call.
 * The customer is a full {@code CreateCustomerInput} with create-customer's defaults: username = primaryEmail, the
 * order's retailer, and always a timezone (the connection's default-timezone when the command has none). A duplicate
 * order ref (C0121E) finds the existing order by ref: ALREADY_EXISTS with it and its customer. A taken username with a
 * new order ref is Fluent's duplicate-customer error and no order is found: FAILED (FLUENT_REJECTED) with that error.
 */
@Singleton
final class CreateOrderAndCustomerOperation implements Operation<CreateOrderAndCustomer> {

    private final OrderInputs inputs;
    private final Attributes attributes;
    private final Duplicates duplicates;
    private final Answers answers;

    CreateOrderAndCustomerOperation(OrderInputs inputs, Attributes attributes, Duplicates duplicates, Answers answers) {
        this.inputs = inputs;
        this.attributes = attributes;
        this.duplicates = duplicates;
        this.answers = answers;
    }

    @Override
    public String kind() {
        return "create-order-and-customer";
    }

    @Override
    public Class<CreateOrderAndCustomer> commandType() {
        return CreateOrderAndCustomer.class;
    }

    @Override
    public Map<String, String> documents() {
        return Map.of("createOrderAndCustomer", Orders.CREATE_ORDER_AND_CUSTOMER);
    }

    @Override
    public Repeat repeat() {
        return Repeat.LOOKUP_AFTER_DUPLICATE;
    }

    /** The order's checks, and create-customer's for the customer (Fluent's {@code CreateCustomerInput} limits). */
    @Override
    public void validate(CreateOrderAndCustomer command, Checks checks) {
        inputs.check(OrderDraft.of(command), checks);
        OrderCustomer customer = command.getCustomer();
        checks.email("customer.primaryEmail", customer.getPrimaryEmail());
        CustomerFields.check(checks, "customer.", false, customer.getUsername(), customer.getTitle(), customer.getFirstName(),
                customer.getLastName(), customer.getPrimaryPhone(), customer.getCountry(), customer.getTimezone());
        attributes.check("customer.attributes", customer.getAttributes(), checks);
    }

    @Override
    public CompletableFuture<Succeeded> perform(CreateOrderAndCustomer command, Execution execution) {
        FluentClient fluent = execution.fluent();
        return duplicates.createOrFind(execution,
                () -> fluent.retailerOr(command.getRetailerId(), "order").thenCompose(retailer -> answers.single(fluent,
                        execution.document(kind(), "createOrderAndCustomer"),
                        variables(command, retailer, fluent.timezoneOr(command.getCustomer().getTimezone())), Orders::withCustomer)),
                () -> fluent.retailerOr(command.getRetailerId(), "order").thenCompose(retailer -> Orders.byRef(fluent, command.getRef())
                        .thenApply(found -> found.filter(order -> Orders.isTheOrderOf(order, retailer, command.getType(), null,
                                username(command)))
                        .map(order -> Answer.of(Orders.withCustomer(order))))));
    }

    private static String username(CreateOrderAndCustomer command) {
        return command.getCustomer().getUsername() == null ? command.getCustomer().getPrimaryEmail() : command.getCustomer().getUsername();
    }

    /** The variables of {@link Orders#CREATE_ORDER_AND_CUSTOMER}; package-private for the conformance test. */
    Map<String, Object> variables(CreateOrderAndCustomer command, String retailerId, String timezone) {
        Map<String, Object> input = inputs.input(OrderDraft.of(command), retailerId);
        OrderCustomer c = command.getCustomer();
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("username", c.getUsername() == null ? c.getPrimaryEmail() : c.getUsername());
        customer.put("primaryEmail", c.getPrimaryEmail());
        OrderInputs.putIfSet(customer, "title", c.getTitle());
        OrderInputs.putIfSet(customer, "firstName", c.getFirstName());
        OrderInputs.putIfSet(customer, "lastName", c.getLastName());
        OrderInputs.putIfSet(customer, "primaryPhone", c.getPrimaryPhone());
        OrderInputs.putIfSet(customer, "country", c.getCountry());
        customer.put("timezone", timezone);
        customer.put("promotionOptIn", c.getPromotionOptIn());
        customer.put("retailer", Map.of("id", retailerId));
        if (!c.getAttributes().isEmpty()) {
            customer.put("attributes", attributes.variables(c.getAttributes()));
        }
        input.put("customer", customer);
        return Map.of("input", input);
    }
}
