package io.fluentkafka.worker.fluent;

import io.micronaut.json.tree.JsonNode;

import java.util.Optional;

/** Reads Fluent's JSON objects into the worker's entity records. */
final class FluentEntities {

    private FluentEntities() {
    }

    static Customer customer(JsonNode node) {
        return new Customer(text(node, "id"), text(node, "ref"), text(node, "username"), text(node, "primaryEmail"),
                text(node, "firstName"), text(node, "lastName"), text(node, "status"), text(node.get("retailer"), "id"));
    }

    /** The first node of a {@code XConnection { edges { node } }}, if any. */
    static Optional<JsonNode> firstNode(JsonNode connection) {
        if (connection == null || connection.isNull()) {
            return Optional.empty();
        }
        JsonNode edges = connection.get("edges");
        if (edges == null || !edges.isArray() || edges.size() == 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(edges.get(0).get("node")).filter(n -> !n.isNull());
    }

    private static String text(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.coerceStringValue();
    }
}
