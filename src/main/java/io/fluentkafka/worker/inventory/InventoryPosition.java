package io.fluentkafka.worker.inventory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One inventory position as Fluent's batch entity takes it: absolute quantities, with type and status already
 * defaulted. {@code correctedQty} is not sent when null.
 */
public record InventoryPosition(String locationRef, String skuRef, int qty, Integer correctedQty, String type, String status) {

    /** The batch entity, with the batch's retailer (a number when it is digits, as in Fluent's example). */
    Map<String, Object> entity(String retailerId) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("locationRef", locationRef);
        entity.put("skuRef", skuRef);
        entity.put("qty", qty);
        if (correctedQty != null) {
            entity.put("correctedQty", correctedQty);
        }
        entity.put("retailerId", InventoryRequests.retailerValue(retailerId));
        entity.put("type", type);
        entity.put("status", status);
        return entity;
    }
}
