package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.InventoryBatchResult;
import io.fluentkafka.worker.avro.UpdateInventory;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.Outcome.Detail;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.command.Repeat;
import io.fluentkafka.worker.fluent.FluentClient;
import io.fluentkafka.worker.inventory.BatchProgress;
import io.fluentkafka.worker.inventory.BatchReceipt;
import io.fluentkafka.worker.inventory.Destination;
import io.fluentkafka.worker.inventory.InventoryBatcher;
import io.fluentkafka.worker.inventory.InventoryPosition;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletableFuture;

/**
 * {@code update-inventory}: one inventory position, sent to Fluent in an inventory batch with other commands'
 * positions ({@link InventoryBatcher}; fluent-api.md §7). The command succeeds (ACCEPTED, with the job and batch)
 * once Fluent has accepted the batch, so its offset is committed only then; Fluent applies the batch afterwards
 * (with {@code worker.inventory.await-completion}, the reply waits for that too, within its timeout, and shows the
 * batch's status and counts). A batch that finally fails fails every command in it.
 *
 * <p>Idempotent: quantities are absolute, so a repeated position, or a batch posted again, sets the same stock.
 * {@code attempts} in the reply counts the calls this command made itself: the retailer look-up when it has none, and
 * the job and batch calls when it drove its batch (one member does, see {@code BatchPost}).
 */
@Singleton
final class UpdateInventoryOperation implements Operation<UpdateInventory> {

    /** Fluent's limit for a string with no declared length (fluent-api.md §5). */
    static final int TEXT_MAX = 255;
    static final String DEFAULT_TYPE = "LAST_ON_HAND";
    static final String DEFAULT_STATUS = "ACTIVE";

    private final InventoryBatcher batcher;

    UpdateInventoryOperation(InventoryBatcher batcher) {
        this.batcher = batcher;
    }

    @Override
    public String kind() {
        return "update-inventory";
    }

    @Override
    public Class<UpdateInventory> commandType() {
        return UpdateInventory.class;
    }

    @Override
    public Repeat repeat() {
        return Repeat.IDEMPOTENT;
    }

    @Override
    public void validate(UpdateInventory command, Checks checks) {
        checks.required("locationRef", command.getLocationRef(), TEXT_MAX);
        checks.required("skuRef", command.getSkuRef(), TEXT_MAX);
        if (command.getQty() < 0) {
            checks.add("qty", "must not be negative, got " + command.getQty());
        }
        if (command.getCorrectedQty() != null && command.getCorrectedQty() < 0) {
            checks.add("correctedQty", "must not be negative, got " + command.getCorrectedQty());
        }
        checks.optional("type", command.getType(), TEXT_MAX);
        checks.optional("status", command.getStatus(), TEXT_MAX);
        checks.optional("catalogueRef", command.getCatalogueRef(), TEXT_MAX);
        checks.optionalId("retailerId", command.getRetailerId());
    }

    @Override
    public CompletableFuture<Succeeded> perform(UpdateInventory command, Execution execution) {
        FluentClient fluent = execution.fluent();
        CompletableFuture<String> retailer = command.getRetailerId() != null
                ? CompletableFuture.completedFuture(command.getRetailerId())
                : execution.step(() -> fluent.retailerOr(null, "inventory position"));
        return retailer.thenCompose(retailerId -> batcher.submit(destination(fluent, retailerId, command.getCatalogueRef()),
                        position(command), execution))
                .thenApply(receipt -> Succeeded.of(Detail.ACCEPTED, result(receipt)));
    }

    static InventoryBatchResult result(BatchReceipt receipt) {
        BatchProgress progress = receipt.progress();
        return new InventoryBatchResult(receipt.jobId(), receipt.batchId(), receipt.positions(), progress.status(),
                progress.count(), progress.total());
    }

    static Destination destination(FluentClient fluent, String retailerId, String catalogueRef) {
        return Destination.of(fluent, retailerId, catalogueRef);
    }

    static InventoryPosition position(UpdateInventory command) {
        return new InventoryPosition(command.getLocationRef(), command.getSkuRef(), command.getQty(), command.getCorrectedQty(),
                command.getType() != null ? command.getType() : DEFAULT_TYPE,
                command.getStatus() != null ? command.getStatus() : DEFAULT_STATUS);
    }
}
