package io.fluentkafka.worker.inventory;

import io.fluentkafka.worker.config.InventoryConfiguration;
import io.fluentkafka.worker.time.Scheduler;

import java.util.List;

/**
 * How the members of a batch Fluent accepted are answered: at once with the receipt, or, with
 * {@code worker.inventory.await-completion}, once the batch is COMPLETE or awaiting it ends ({@link BatchCompletion}).
 */
final class BatchAcceptance {

    private final InventoryConfiguration configuration;
    private final Scheduler scheduler;

    BatchAcceptance(InventoryConfiguration configuration, Scheduler scheduler) {
        this.configuration = configuration;
        this.scheduler = scheduler;
    }

    void accepted(Destination destination, BatchReceipt receipt, List<BatchPost.Member> members) {
        if (configuration.awaitCompletion()) {
            new BatchCompletion(destination, receipt, members, scheduler, configuration.completionPollInterval())
                    .start(configuration.completionTimeout());
        } else {
            members.forEach(member -> member.done().complete(receipt));
        }
    }
}
