package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.CustomerResult;
import io.fluentkafka.worker.avro.ProductResult;
import io.fluentkafka.worker.avro.UserResult;
import io.fluentkafka.worker.fluent.Customer;
import io.micronaut.json.tree.JsonNode;

/** Fluent's entities as the reply's result records. */
final class Results {

    /** The product fields every product reply selects, on either product type: those of get-product. */
    static final String PRODUCT_FIELDS = "id ref type name gtin status catalogue { ref }";

    private Results() {
    }

    static CustomerResult customer(Customer c) {
        return new CustomerResult(c.id(), c.ref(), c.username(), c.primaryEmail(), c.firstName(), c.lastName(), c.status(), c.retailerId());
    }

    /** A {@code Customer} object of Fluent's answer, selected with {@link CustomerUpdates#FIELDS}. */
    static CustomerResult customer(JsonNode c) {
        return new CustomerResult(text(c, "id"), text(c, "ref"), text(c, "username"), text(c, "primaryEmail"), text(c, "firstName"),
                text(c, "lastName"), text(c, "status"), text(c.get("retailer"), "id"));
    }

    /** A {@code StandardProduct} or {@code VariantProduct} object of Fluent's answer, selected with {@link #PRODUCT_FIELDS}. */
    static ProductResult product(JsonNode p) {
        return new ProductResult(text(p, "id"), text(p, "ref"), text(p.get("catalogue"), "ref"), text(p, "type"), text(p, "name"),
                text(p, "gtin"), text(p, "status"));
    }

    /** A {@code User} object of Fluent's answer, selected with get-current-user's {@code me} document. */
    static UserResult user(JsonNode u) {
        return new UserResult(text(u, "id"), text(u, "ref"), text(u, "username"), text(u, "primaryEmail"), text(u, "firstName"),
                text(u, "lastName"), text(u, "type"), text(u, "status"), text(u.get("primaryRetailer"), "id"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null || node.isNull() ? null : node.get(field);
        return value == null || value.isNull() ? null : value.coerceStringValue();
    }
}
