package io.fluentkafka.worker.command;

/**
 * What an operation does when it runs again for the same command: after a crash between Fluent's answer and the
 * commit, after a rebalance, or when a step is retried because Fluent's answer was lost.
 */
public enum Repeat {
    /** A create: when Fluent refuses it as a duplicate, the existing entity is looked up and returned (ALREADY_EXISTS). */
    LOOKUP_AFTER_DUPLICATE,
    /**
     * A create-or-update: when Fluent refuses the create as a duplicate, the existing entity is updated to the
     * command's values (UPDATED). A repeat therefore updates to the same values: Fluent ends as after the first run.
     */
    UPDATE_AFTER_DUPLICATE,
    /** Running it again changes nothing in Fluent: a read, or an update to the same values. */
    IDEMPOTENT,
    /** Running it again may act twice in Fluent (an event, a caller's mutation): the README says so per kind. */
    NOT_IDEMPOTENT
}
