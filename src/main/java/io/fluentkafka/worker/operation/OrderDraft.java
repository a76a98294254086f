package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.Attribute;
import io.fluentkafka.worker.avro.CreateOrder;
import io.fluentkafka.worker.avro.CreateOrderAndCustomer;
import io.fluentkafka.worker.avro.FulfilmentChoice;
import io.fluentkafka.worker.avro.OrderItem;

import java.util.List;

/** The order fields create-order and create-order-and-customer share (their Avro records are distinct types). */
record OrderDraft(String ref, String type, String retailerId, List<OrderItem> items, FulfilmentChoice fulfilmentChoice,
                  Double totalPrice, Double totalTaxPrice, List<Attribute> attributes) {

    static OrderDraft of(CreateOrder c) {
        return new OrderDraft(c.getRef(), c.getType(), c.getRetailerId(), c.getItems(), c.getFulfilmentChoice(), c.getTotalPrice(),
                c.getTotalTaxPrice(), c.getAttributes());
    }

    static OrderDraft of(CreateOrderAndCustomer c) {
        return new OrderDraft(c.getRef(), c.getType(), c.getRetailerId(), c.getItems(), c.getFulfilmentChoice(), c.getTotalPrice(),
                c.getTotalTaxPrice(), c.getAttributes());
    }
}
