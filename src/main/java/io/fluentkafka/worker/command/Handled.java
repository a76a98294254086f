package io.fluentkafka.worker.command;

/**
 * The outcome of one command and how many times it was tried (0 when it never reached Fluent).
 */
public record Handled(Outcome outcome, int attempts) {
}
