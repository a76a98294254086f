package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.Address;
import io.fluentkafka.worker.avro.FulfilmentChoice;
import io.fluentkafka.worker.avro.OrderItem;
import io.fluentkafka.worker.command.Checks;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order part of Fluent's {@code CreateOrderInput} and {@code CreateOrderAndCustomerInput}: its checks and its
 * variables. Where Fluent's schema states no length for a string, its default of 255 holds (fluent-api.md §5); the
 * address and the delivery instruction have their own (see {@link #ADDRESS_MAX}). Any order type is taken; an HD order
 * is delivered (its fulfilment choice has an address, no pickup location), a CC order collected (the reverse): Fluent
 * does not enforce this, but its workflows for the two types read those fields.
 */
@Singleton
final class OrderInputs {

    static final int TEXT_MAX = 255;
    /** A bound of our own (Fluent documents none): more lines than any real order, few enough to bound a request. */
    static final int ITEMS_MAX = 1000;

    /** Fluent's limits where its schema states them ({@code CreateCustomerAddressInput}); elsewhere its default of 255. */
    private static final Map<String, Integer> ADDRESS_MAX = Map.of("state", 200, "postcode", 100, "region", 250, "country", 100);
    private static final int DELIVERY_INSTRUCTION_MAX = 250;

    private final Attributes attributes;

    OrderInputs(Attributes attributes) {
        this.attributes = attributes;
    }

    void check(OrderDraft order, Checks checks) {
        checks.required("ref", order.ref(), TEXT_MAX);
        checks.required("type", order.type(), TEXT_MAX); // Fluent takes any type; HD and CC have rules of their own
        checks.optionalId("retailerId", order.retailerId());
        checkItems(order.items(), checks);
        checkFulfilmentChoice(order.type(), order.fulfilmentChoice(), checks);
        checks.optionalAmount("totalPrice", order.totalPrice());
        checks.optionalAmount("totalTaxPrice", order.totalTaxPrice());
        attributes.check(order.attributes(), checks);
    }

    private void checkItems(List<OrderItem> items, Checks checks) {
        if (items.isEmpty() || items.size() > ITEMS_MAX) {
            checks.add("items", "has " + items.size() + " entries; between 1 and " + ITEMS_MAX + " are allowed");
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            OrderItem item = items.get(i);
            String field = "items[" + i + "].";
            checks.required(field + "ref", item.getRef(), TEXT_MAX);
            checks.required(field + "productRef", item.getProductRef(), TEXT_MAX);
            checks.optional(field + "productCatalogueRef", item.getProductCatalogueRef(), TEXT_MAX);
            if (item.getQuantity() < 1) {
                checks.add(field + "quantity", "must be at least 1, got " + item.getQuantity());
            }
            checks.optionalAmount(field + "price", item.getPrice());
            checks.optionalAmount(field + "paidPrice", item.getPaidPrice());
            checks.optionalAmount(field + "totalPrice", item.getTotalPrice());
            checks.optional(field + "currency", item.getCurrency(), TEXT_MAX);
            attributes.check(field + "attributes", item.getAttributes(), checks);
        }
    }

    /** An HD order is delivered to an address, a CC order picked up at a location; other types may have either. */
    private static void checkFulfilmentChoice(String type, FulfilmentChoice choice, Checks checks) {
        boolean delivered = "HD".equals(type);
        boolean collected = "CC".equals(type);
        checks.required("fulfilmentChoice.deliveryType", choice.getDeliveryType(), TEXT_MAX);
        checks.optional("fulfilmentChoice.fulfilmentType", choice.getFulfilmentType(), TEXT_MAX);
        checks.optional("fulfilmentChoice.deliveryInstruction", choice.getDeliveryInstruction(), DELIVERY_INSTRUCTION_MAX);
        checks.optional("fulfilmentChoice.currency", choice.getCurrency(), TEXT_MAX);
        checks.optionalAmount("fulfilmentChoice.fulfilmentPrice", choice.getFulfilmentPrice());
        checks.optional("fulfilmentChoice.pickupLocationRef", choice.getPickupLocationRef(), TEXT_MAX);
        Address address = choice.getDeliveryAddress();
        if (delivered && address == null) {
            checks.add("fulfilmentChoice.deliveryAddress", "is required for an HD order");
        } else if (collected && address != null) {
            checks.add("fulfilmentChoice.deliveryAddress", "must be absent for a CC order (it has a pickupLocationRef)");
        }
        if (collected && choice.getPickupLocationRef() == null) {
            checks.add("fulfilmentChoice.pickupLocationRef", "is required for a CC order");
        } else if (delivered && choice.getPickupLocationRef() != null) {
            checks.add("fulfilmentChoice.pickupLocationRef", "must be absent for an HD order (it has a deliveryAddress)");
        }
        if (address != null) {
            checks.required("fulfilmentChoice.deliveryAddress.ref", address.getRef(), TEXT_MAX);
            for (Map.Entry<String, Object> field : address(address).entrySet()) {
                if (field.getValue() instanceof String text && !"ref".equals(field.getKey())) {
                    checks.optional("fulfilmentChoice.deliveryAddress." + field.getKey(), text,
                            ADDRESS_MAX.getOrDefault(field.getKey(), TEXT_MAX));
                }
            }
        }
    }

    /** The input's order fields as GraphQL variables, with the retailer resolved; only for a draft that passed {@link #check}. */
    Map<String, Object> input(OrderDraft order, String retailerId) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("ref", order.ref());
        input.put("type", order.type());
        input.put("retailer", Map.of("id", retailerId));
        putIfSet(input, "totalPrice", order.totalPrice());
        putIfSet(input, "totalTaxPrice", order.totalTaxPrice());
        if (!order.attributes().isEmpty()) {
            input.put("attributes", attributes.variables(order.attributes()));
        }
        input.put("fulfilmentChoice", fulfilmentChoice(order.fulfilmentChoice()));
        input.put("items", order.items().stream().map(this::item).toList());
        return input;
    }

    private Map<String, Object> item(OrderItem item) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("ref", item.getRef());
        input.put("productRef", item.getProductRef());
        putIfSet(input, "productCatalogueRef", item.getProductCatalogueRef());
        input.put("quantity", item.getQuantity());
        putIfSet(input, "price", item.getPrice());
        putIfSet(input, "paidPrice", item.getPaidPrice());
        putIfSet(input, "totalPrice", item.getTotalPrice());
        putIfSet(input, "currency", item.getCurrency());
        if (!item.getAttributes().isEmpty()) {
            input.put("attributes", attributes.variables(item.getAttributes()));
        }
        return input;
    }

    private static Map<String, Object> fulfilmentChoice(FulfilmentChoice choice) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("deliveryType", choice.getDeliveryType());
        putIfSet(input, "fulfilmentType", choice.getFulfilmentType());
        putIfSet(input, "pickupLocationRef", choice.getPickupLocationRef());
        putIfSet(input, "deliveryInstruction", choice.getDeliveryInstruction());
        putIfSet(input, "currency", choice.getCurrency());
        putIfSet(input, "fulfilmentPrice", choice.getFulfilmentPrice());
        if (choice.getDeliveryAddress() != null) {
            input.put("deliveryAddress", address(choice.getDeliveryAddress()));
        }
        return input;
    }

    /** Fluent's {@code CreateCustomerAddressInput}, the fields set only. */
    private static Map<String, Object> address(Address address) {
        Map<String, Object> input = new LinkedHashMap<>();
        putIfSet(input, "ref", address.getRef());
        putIfSet(input, "name", address.getName());
        putIfSet(input, "companyName", address.getCompanyName());
        putIfSet(input, "street", address.getStreet());
        putIfSet(input, "street2", address.getStreet2());
        putIfSet(input, "city", address.getCity());
        putIfSet(input, "state", address.getState());
        putIfSet(input, "postcode", address.getPostcode());
        putIfSet(input, "region", address.getRegion());
        putIfSet(input, "country", address.getCountry());
        putIfSet(input, "email", address.getEmail());
        return input;
    }

    static void putIfSet(Map<String, Object> input, String field, Object value) {
        if (value != null) {
            input.put(field, value);
        }
    }
}
