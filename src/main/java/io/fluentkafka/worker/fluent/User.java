package io.fluentkafka.worker.fluent;

/** A Fluent user (the result of {@code me}). */
public record User(String id, String ref, String username, String primaryEmail, String firstName, String lastName,
                   String type, String status, String primaryRetailerId) {
}
