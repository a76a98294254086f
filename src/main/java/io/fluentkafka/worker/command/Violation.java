package io.fluentkafka.worker.command;

/** One thing wrong with a command: which field, and why. */
record Violation(String field, String problem) {

    @Override
    public String toString() {
        return field + " " + problem;
    }
}
