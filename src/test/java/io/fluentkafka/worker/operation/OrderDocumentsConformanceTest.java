package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.CreateOrder;
import io.fluentkafka.worker.avro.CreateOrderAndCustomer;
import io.fluentkafka.worker.avro.FulfilmentChoice;
import io.fluentkafka.worker.avro.OrderItem;
import io.fluentkafka.worker.avro.UpdateOrder;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Violation;
import io.fluentkafka.worker.messaging.AvroTrust;
import io.fluentkafka.worker.support.fluent.FluentReferenceSchema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order kinds' documents, with the variables each operation builds from a command setting every field, are requests
 * Fluent's real schema accepts; the checks name each field Fluent (or the order type's workflow) would refuse.
 */
class OrderDocumentsConformanceTest {

    static {
        AvroTrust.ensure(); // builders read defaults through Avro's class checks
    }

    private final FluentReferenceSchema fluent = FluentReferenceSchema.load();
    private final CreateOrderOperation createOrder = (CreateOrderOperation) TestOperations.byKind("create-order");
    private final CreateOrderAndCustomerOperation withCustomer =
            (CreateOrderAndCustomerOperation) TestOperations.byKind("create-order-and-customer");
    private final UpdateOrderOperation updateOrder = (UpdateOrderOperation) TestOperations.byKind("update-order");

    @Test
    void createOrderOfEveryFieldIsAValidRequestAgainstFluentsSchema() {
        CreateOrder command = OrderSamples.createOrder("o-1", "HD-1", "jane@example.com").build();

        Map<String, Object> variables = createOrder.variables(command, "1", "42");

        assertThat(fluent.requestErrors(Orders.CREATE_ORDER, null, variables)).isEmpty();
        assertThat(fluent.requestErrors(Orders.ORDER_BY_REF, null, Map.of("ref", "HD-1"))).isEmpty();
        assertThat(fluent.requestErrors(Orders.CUSTOMER_BY_REF, null, Map.of("ref", "jane@example.com"))).isEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> input = (Map<String, Object>) variables.get("input");
        assertThat(input).containsEntry("customer", Map.of("id", "42")).containsEntry("retailer", Map.of("id", "1"))
                .containsKeys("items", "fulfilmentChoice", "attributes", "totalPrice", "totalTaxPrice");
    }

    @Test
    void createOrderAndCustomerSendsAFullCustomerWithTheOrdersRetailerAndATimezone() {
        CreateOrderAndCustomer command = OrderSamples.createOrderAndCustomer("o-2", "CC-1", "jane@example.com").build();

        Map<String, Object> variables = withCustomer.variables(command, "1", "UTC");

        assertThat(fluent.requestErrors(Orders.CREATE_ORDER_AND_CUSTOMER, null, variables)).isEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> customer = (Map<String, Object>) ((Map<String, Object>) variables.get("input")).get("customer");
        assertThat(customer).containsEntry("username", "jane@example.com").containsEntry("timezone", "UTC")
                .containsEntry("promotionOptIn", false).containsEntry("retailer", Map.of("id", "1"));
    }

    @Test
    void updateOrderSendsTheIdAndOnlyTheFieldsSet() {
        UpdateOrder command = OrderSamples.updateOrder("o-3", "HD-1").setTotalTaxPrice(4.5).build();
        UpdateOrder statusOnly = UpdateOrder.newBuilder().setCommandId("o-4").setRef("HD-1").setStatus("BOOKED").build();

        assertThat(fluent.requestErrors(Orders.UPDATE_ORDER, null, updateOrder.variables(command, "7"))).isEmpty();
        assertThat(updateOrder.variables(statusOnly, "7")).isEqualTo(Map.of("input", Map.of("id", "7", "status", "BOOKED")));
    }

    @Test
    void refusesAnOrderFluentOrItsWorkflowWouldRefuse() {
        CreateOrder bad = OrderSamples.createOrder("o-5", " ", "jane@example.com").setType("X".repeat(256)).setCustomerId("42")
                .setItems(List.of(OrderItem.newBuilder().setRef("l1").setProductRef("SKU-1").setQuantity(0).setPrice(-1.0).build()))
                .setFulfilmentChoice(FulfilmentChoice.newBuilder().setPickupLocationRef("LOC-1").setDeliveryType("").build())
                .setTotalPrice(Double.NaN).build();
        Checks checks = new Checks();

        createOrder.validate(bad, checks);

        assertThat(checks.violations()).extracting(Violation::toString).containsExactly("ref is required",
                "type is 256 characters long; at most 255 are allowed", "items[0].quantity must be at least 1, got 0",
                "items[0].price must not be negative, got -1.0", "fulfilmentChoice.deliveryType is required",
                "totalPrice must be a finite number, not NaN",
                "customerId exactly one of customerId and customerUsername must be set");
    }

    @Test
    void takesAnyOrderTypeButHoldsHdAndCcToTheirFulfilment() {
        CreateOrder custom = OrderSamples.createOrder("o-7", "ON-7", "jane@example.com").setType("B2B").build();
        CreateOrder collectedWithAnAddress = OrderSamples.createOrder("o-8", "ON-8", "jane@example.com").setType("CC").build();
        Checks customChecks = new Checks();
        Checks collectedChecks = new Checks();

        createOrder.validate(custom, customChecks);
        createOrder.validate(collectedWithAnAddress, collectedChecks);

        assertThat(customChecks.violations()).isEmpty();
        assertThat(collectedChecks.violations()).extracting(Violation::toString).contains(
                "fulfilmentChoice.pickupLocationRef is required for a CC order");
    }

    @Test
    void refusesAnUpdateThatChangesNothing() {
        Checks checks = new Checks();

        updateOrder.validate(UpdateOrder.newBuilder().setCommandId("o-6").setRef("HD-1").build(), checks);

        assertThat(checks.violations()).extracting(Violation::toString)
                .containsExactly("status nothing to change: set status, totalPrice, totalTaxPrice or attributes");
    }
}
