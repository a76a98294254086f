package io.fluentkafka.worker.command;

/**
 * What an operation does when it runs again for the same command: after a crash between Fluent's answer and the
 * commit, after a rebalance, or when a step is retried because Fluent's answer was lost.
 */
public enum Repeat {
    /** A create: when Fluent refuses it as a duplicate, the existing entity is looked up and returned (ALREADY_EXISTS). */
    LOOKUP_AFTER_DUPLICATE,
    /** Running it again changes nothing in Fluent: a read, or an update to the same values. */
    IDEMPOTENT,
    /** Running it again may act twice in Fluent (an event, a caller's mutation): the README says so per kind. */
    NOT_IDEMPOTENT
}
