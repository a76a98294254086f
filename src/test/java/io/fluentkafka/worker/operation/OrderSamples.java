package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.Address;
import io.fluentkafka.worker.avro.Attribute;
import io.fluentkafka.worker.avro.CreateOrder;
import io.fluentkafka.worker.avro.CreateOrderAndCustomer;
import io.fluentkafka.worker.avro.FulfilmentChoice;
import io.fluentkafka.worker.avro.OrderCustomer;
import io.fluentkafka.worker.avro.OrderItem;
import io.fluentkafka.worker.avro.UpdateOrder;

import java.util.List;

/** Valid order commands with every kind of field set, for the tests and the demo to start from. */
public final class OrderSamples {

    private OrderSamples() {
    }

    /** An HD order of one line for the customer with this username; set customerId instead to name it by id. */
    public static CreateOrder.Builder createOrder(String commandId, String ref, String customerUsername) {
        return CreateOrder.newBuilder().setCommandId(commandId).setRef(ref).setType("HD").setCustomerUsername(customerUsername)
                .setItems(items(ref)).setFulfilmentChoice(delivery()).setTotalPrice(59.95).setTotalTaxPrice(5.45)
                .setAttributes(List.of(new Attribute("channel", "STRING", "web")));
    }

    /** A CC order of one line, collected at store {@code LOC-1}, with a new customer of this email. */
    public static CreateOrderAndCustomer.Builder createOrderAndCustomer(String commandId, String ref, String email) {
        return CreateOrderAndCustomer.newBuilder().setCommandId(commandId).setRef(ref).setType("CC").setItems(items(ref))
                .setFulfilmentChoice(FulfilmentChoice.newBuilder().setPickupLocationRef("LOC-1").build()).setTotalPrice(59.95)
                .setCustomer(OrderCustomer.newBuilder().setPrimaryEmail(email).setFirstName("Jane").setLastName("Doe").setCountry("AU")
                        .setAttributes(List.of(new Attribute("tier", "STRING", "gold"))).build());
    }

    public static UpdateOrder.Builder updateOrder(String commandId, String ref) {
        return UpdateOrder.newBuilder().setCommandId(commandId).setRef(ref).setStatus("BOOKED").setTotalPrice(49.95)
                .setAttributes(List.of(new Attribute("giftWrap", "BOOLEAN", "true")));
    }

    private static List<OrderItem> items(String ref) {
        return List.of(OrderItem.newBuilder().setRef(ref + "-1").setProductRef("SKU-1").setProductCatalogueRef("PC:MASTER:1")
                .setQuantity(1).setPrice(59.95).setPaidPrice(59.95).setTotalPrice(59.95).setCurrency("AUD")
                .setAttributes(List.of(new Attribute("engraving", "JSON", "{\"text\":\"J\"}"))).build());
    }

    private static FulfilmentChoice delivery() {
        return FulfilmentChoice.newBuilder().setDeliveryType("STANDARD").setFulfilmentType("HD_PFS").setCurrency("AUD")
                .setFulfilmentPrice(0.0).setDeliveryInstruction("Leave at the door")
                .setDeliveryAddress(Address.newBuilder().setRef("addr-1").setName("Jane Doe").setCompanyName("Acme").setStreet("1 Main St")
                        .setStreet2("Level 2").setCity("Sydney").setState("NSW").setPostcode("2000").setRegion("East").setCountry("AU")
                        .setEmail("jane@example.com").build())
                .build();
    }
}
