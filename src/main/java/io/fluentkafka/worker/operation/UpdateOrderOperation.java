package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.UpdateOrder;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.Outcome.Detail;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.command.Repeat;
import io.fluentkafka.worker.fluent.FluentClient;
import io.fluentkafka.worker.fluent.FluentRejectedException;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code update-order}: step one finds the order by ref ({@code order(ref:)}), since {@code UpdateOrderInput} needs its
 * id; step two is {@code updateOrder} with only the fields the command sets (attributes upserted by name). UPDATED with
 * the order as Fluent returns it. An unknown ref fails FLUENT_REJECTED, decided by Fluent's null answer, never by text.
 * A repeat sets the same values again.
 */
@Singleton
final class UpdateOrderOperation implements Operation<UpdateOrder> {

    private final Attributes attributes;
    private final Answers answers;

    UpdateOrderOperation(Attributes attributes, Answers answers) {
        this.attributes = attributes;
        this.answers = answers;
    }

    @Override
    public String kind() {
        return "update-order";
    }

    @Override
    public Class<UpdateOrder> commandType() {
        return UpdateOrder.class;
    }

    @Override
    public Map<String, String> documents() {
        return Map.of("updateOrder", Orders.UPDATE_ORDER);
    }

    @Override
    public Repeat repeat() {
        return Repeat.IDEMPOTENT;
    }

    @Override
    public void validate(UpdateOrder command, Checks checks) {
        checks.required("ref", command.getRef(), OrderInputs.TEXT_MAX);
        checks.optionalId("retailerId", command.getRetailerId());
        checks.optional("status", command.getStatus(), OrderInputs.TEXT_MAX);
        checks.optionalAmount("totalPrice", command.getTotalPrice());
        checks.optionalAmount("totalTaxPrice", command.getTotalTaxPrice());
        attributes.check(command.getAttributes(), checks);
        if (command.getStatus() == null && command.getTotalPrice() == null && command.getTotalTaxPrice() == null
                && command.getAttributes().isEmpty()) {
            checks.add("status", "nothing to change: set status, totalPrice, totalTaxPrice or attributes");
        }
    }

    @Override
    public CompletableFuture<Succeeded> perform(UpdateOrder command, Execution execution) {
        FluentClient fluent = execution.fluent();
        return execution.step(() -> fluent.retailerOr(command.getRetailerId(), "order").thenCompose(retailer -> Orders.byRef(fluent, command.getRef())
                        .thenApply(order -> order
                                .filter(found -> Orders.ofRetailer(found, retailer))
                                .map(found -> found.get("id").coerceStringValue())
                                .orElseThrow(() -> FluentRejectedException.of("order ref '" + Checks.preview(command.getRef())
                                        + "' not found in Fluent for retailer " + retailer)))))
                .thenCompose(id -> execution.step(() -> answers.single(fluent, execution.document(kind(), "updateOrder"),
                        variables(command, id), Orders::result)))
                .thenApply(order -> order.as(Detail.UPDATED));
    }

    /** The variables of {@link Orders#UPDATE_ORDER}: {@code {"input": {...}}} without a null anywhere; for the conformance test. */
    Map<String, Object> variables(UpdateOrder command, String orderId) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("id", orderId);
        OrderInputs.putIfSet(input, "status", command.getStatus());
        OrderInputs.putIfSet(input, "totalPrice", command.getTotalPrice());
        OrderInputs.putIfSet(input, "totalTaxPrice", command.getTotalTaxPrice());
        if (!command.getAttributes().isEmpty()) {
            input.put("attributes", attributes.variables(command.getAttributes()));
        }
        return Map.of("input", input);
    }
}
