package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.CreateOrder;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.command.Repeat;
import io.fluentkafka.worker.fluent.FluentClient;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code create-order}: Fluent's {@code createOrder} for an existing customer. A customer named by username is first
 * resolved to its id ({@code CustomerId} needs one) in a step of its own; an unknown username fails FLUENT_REJECTED.
 * The retailer defaults as create-customer's does. A duplicate order ref (C0121E) finds the existing order by ref:
 * ALREADY_EXISTS with it. CREATED with the order otherwise.
 */
@Singleton
final class CreateOrderOperation implements Operation<CreateOrder> {

    private final OrderInputs inputs;
    private final Duplicates duplicates;
    private final Answers answers;

    CreateOrderOperation(OrderInputs inputs, Duplicates duplicates, Answers answers) {
        this.inputs = inputs;
        this.duplicates = duplicates;
        this.answers = answers;
    }

    @Override
    public String kind() {
        return "create-order";
    }

    @Override
    public Class<CreateOrder> commandType() {
        return CreateOrder.class;
    }

    @Override
    public Map<String, String> documents() {
        return Map.of("createOrder", Orders.CREATE_ORDER);
    }

    @Override
    public Repeat repeat() {
        return Repeat.LOOKUP_AFTER_DUPLICATE;
    }

    @Override
    public void validate(CreateOrder command, Checks checks) {
        inputs.check(OrderDraft.of(command), checks);
        if ((command.getCustomerId() == null) == (command.getCustomerUsername() == null)) {
            checks.add("customerId", "exactly one of customerId and customerUsername must be set");
        }
        checks.optionalId("customerId", command.getCustomerId());
        checks.optional("customerUsername", command.getCustomerUsername(), 250);
    }

    @Override
    public CompletableFuture<Succeeded> perform(CreateOrder command, Execution execution) {
        FluentClient fluent = execution.fluent();
        CompletableFuture<String> customerId = command.getCustomerId() != null
                ? CompletableFuture.completedFuture(command.getCustomerId())
                : execution.step(() -> Orders.customerId(fluent, command.getCustomerUsername()));
        return customerId.thenCompose(customer -> duplicates.createOrFind(execution,
                () -> fluent.retailerOr(command.getRetailerId(), "order")
                        .thenCompose(retailer -> answers.single(fluent, execution.document(kind(), "createOrder"),
                                variables(command, retailer, customer), Orders::result)),
                () -> fluent.retailerOr(command.getRetailerId(), "order").thenCompose(retailer -> Orders.byRef(fluent, command.getRef())
                        .thenApply(found -> found.filter(order -> Orders.isTheOrderOf(order, retailer, command.getType(), customer, null))
                                .map(order -> Answer.of(Orders.result(order)))))));
    }

    /** The variables of {@link Orders#CREATE_ORDER}; package-private for the conformance test. */
    Map<String, Object> variables(CreateOrder command, String retailerId, String customerId) {
        Map<String, Object> input = inputs.input(OrderDraft.of(command), retailerId);
        input.put("customer", Map.of("id", customerId));
        return Map.of("input", input);
    }
}
