package io.fluentkafka.worker.inventory;

/**
 * Fluent accepted a batch: its job, its id, how many positions it held, and its progress as last seen (see
 * {@link BatchCompletion}).
 */
public record BatchReceipt(String jobId, String batchId, int positions, BatchProgress progress) {

    BatchReceipt seen(BatchProgress latest) {
        return new BatchReceipt(jobId, batchId, positions, latest);
    }
}
