package io.fluentkafka.worker.inventory;

/**
 * A batch's structured {@code status} (PENDING, RUNNING, COMPLETE), {@code count} and {@code total} as Fluent last
 * showed them (fluent-api.md §7, shape inferred), verbatim; each null when not seen.
 */
public record BatchProgress(String status, Integer count, Integer total) {

    /** Nothing seen: the batch was not read, or Fluent's answers lacked these fields. */
    public static final BatchProgress UNSEEN = new BatchProgress(null, null, null);

    /** Fluent has applied the batch, "with or without errors". */
    boolean complete() {
        return "COMPLETE".equals(status);
    }
}
