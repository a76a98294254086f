package io.fluentkafka.worker.command;

/** One thing wrong with a command: which field, and why. */
public record Violation(String field, String problem) {

    @Override
    public String toString() {
        return field + " " + problem;
    }
}
