package io.fluentkafka.worker.fluent;

/** A Fluent customer as the worker reports it. */
public record Customer(String id, String ref, String username, String primaryEmail, String firstName,
                       String lastName, String status, String retailerId) {
}
