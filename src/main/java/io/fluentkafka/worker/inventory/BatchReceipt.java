package io.fluentkafka.worker.inventory;

/** Fluent accepted a batch: its job, its id, and how many positions it held. */
public record BatchReceipt(String jobId, String batchId, int positions) {
}
