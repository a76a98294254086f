package io.fluentkafka.worker;

import io.fluentkafka.worker.avro.CommandType;
import io.fluentkafka.worker.avro.ErrorCategory;
import io.fluentkafka.worker.avro.InventoryBatchResult;
import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.ReplyDetail;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.avro.UpdateInventory;
import io.fluentkafka.worker.support.RunningWorker;
import io.fluentkafka.worker.support.fluent.FluentSimulator;
import io.fluentkafka.worker.support.fluent.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * UpdateInventory end to end on a real broker and the Fluent simulator: positions gathered into one Fluent batch,
 * replies once the batch is accepted, validation before any call, a transient failure retried on the batch alone,
 * and the throughput of one worker (printed, not asserted).
 */
class InventoryIT {

    private static final String KIND = "update-inventory";
    private static RunningWorker worker;
    private static String retailer;

    @BeforeAll
    static void start() {
        worker = RunningWorker.start("inventory");
        retailer = worker.fluent().account().retailerId();
    }

    @AfterAll
    static void stop() throws Exception {
        worker.close();
    }

    @Test
    void twelvePositionsGoToFluentInOneBatchAndEachReplyNamesIt() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            worker.producer().send(worker.topic(KIND), "STORE-12/SKU-" + i, position(id, "STORE-12", "SKU-" + i, 10 + i).build());
        }

        List<Reply> replies = ids.stream().map(worker::awaitReply).toList();

        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
            assertThat(reply.getDetail()).isEqualTo(ReplyDetail.ACCEPTED);
            assertThat(reply.getCommandType()).isEqualTo(CommandType.UPDATE_INVENTORY);
        });
        List<InventoryBatchResult> results = replies.stream().map(r -> (InventoryBatchResult) r.getResult()).toList();
        assertThat(results).extracting(InventoryBatchResult::getBatchId).containsOnly(results.get(0).getBatchId());
        assertThat(results).extracting(InventoryBatchResult::getJobId).containsOnly(results.get(0).getJobId());
        assertThat(results.get(0).getPositions()).isEqualTo(12);
        assertThat(results.get(0).getBatchStatus()).as("not awaited: worker.inventory.await-completion is off").isNull();
        assertThat(worker.fluent().restRequests()).noneMatch(r -> r.method().equals("GET") && r.path().contains("/batch/"));
        for (int i = 0; i < 12; i++) {
            assertThat(worker.fluent().inventory(retailer, "DEFAULT:" + retailer, "STORE-12", "SKU-" + i)).contains(10 + i);
        }
    }

    @Test
    void refusesAnInvalidPositionBeforeCallingFluent() {
        String id = UUID.randomUUID().toString();
        worker.producer().send(worker.topic(KIND), id, position(id, "STORE-BAD", " ", -1).setCorrectedQty(-2).build());

        Reply reply = worker.awaitReply(id);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.FAILED);
        assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.VALIDATION);
        assertThat(reply.getError().getMessage()).contains("skuRef is required", "qty must not be negative, got -1",
                "correctedQty must not be negative, got -2");
        assertThat(reply.getAttempts()).isZero();
        worker.awaitDeadLetter(KIND, "dlt.command-id", id);
        assertThat(worker.fluent().restRequests()).noneMatch(r -> r.body() != null && r.body().contains("STORE-BAD"));
    }

    @Test
    void retriesTheBatchPostIntoTheSameJobAfterA503() {
        String first = UUID.randomUUID().toString();
        worker.producer().send(worker.topic(KIND), "STORE-R/SKU-0", position(first, "STORE-R", "SKU-0", 1).build());
        String jobId = ((InventoryBatchResult) worker.awaitReply(first).getResult()).getJobId(); // today's job exists
        long jobsBefore = posts(worker.fluent(), "/api/v4.1/job");
        long batchesBefore = posts(worker.fluent(), "/batch");

        worker.fluent().failNextRest(1, 503);
        String second = UUID.randomUUID().toString();
        worker.producer().send(worker.topic(KIND), "STORE-R/SKU-1", position(second, "STORE-R", "SKU-1", 7).build());
        Reply reply = worker.awaitReply(second);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        assertThat(((InventoryBatchResult) reply.getResult()).getJobId()).isEqualTo(jobId);
        assertThat(reply.getAttempts()).isGreaterThanOrEqualTo(2);
        assertThat(posts(worker.fluent(), "/api/v4.1/job")).isEqualTo(jobsBefore);
        assertThat(posts(worker.fluent(), "/batch")).isEqualTo(batchesBefore + 2);
        assertThat(worker.fluent().inventory(retailer, "DEFAULT:" + retailer, "STORE-R", "SKU-1")).contains(7);
    }

    @Test
    void withAwaitCompletionRepliesOnceFluentShowsTheBatchCompleteOrWithTheLastStatusAtTheTimeout() throws Exception {
        try (RunningWorker awaiting = RunningWorker.start("inventory-await", Map.of("worker.inventory.await-completion", "true",
                "worker.inventory.linger", "300ms", "worker.inventory.completion-timeout", "3s",
                "worker.inventory.completion-poll-interval", "200ms"))) {
            List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
            for (int i = 0; i < ids.size(); i++) {
                awaiting.producer().send(awaiting.topic(KIND), "STORE-A/SKU-" + i, position(ids.get(i), "STORE-A", "SKU-" + i, 3).build());
            }
            List<InventoryBatchResult> complete = ids.stream().map(id -> (InventoryBatchResult) awaiting.awaitReply(id).getResult()).toList();
            assertThat(complete).allSatisfy(result -> {
                assertThat(result.getBatchStatus()).isEqualTo("COMPLETE");
                assertThat(result.getBatchCount()).isEqualTo(result.getPositions());
                assertThat(result.getBatchTotal()).isEqualTo(result.getPositions());
            });
            assertThat(complete).extracting(InventoryBatchResult::getPositions).containsOnly(complete.get(0).getPositions());

            awaiting.fluent().holdBatchesRunning(true);
            String stuck = UUID.randomUUID().toString();
            awaiting.producer().send(awaiting.topic(KIND), "STORE-A/SKU-9", position(stuck, "STORE-A", "SKU-9", 4).build());
            Reply reply = awaiting.awaitReply(stuck);

            assertThat(reply.getStatus()).as("Fluent accepted the batch: a timeout is not a failure").isEqualTo(ReplyStatus.SUCCEEDED);
            assertThat(reply.getDetail()).isEqualTo(ReplyDetail.ACCEPTED);
            assertThat(((InventoryBatchResult) reply.getResult()).getBatchStatus()).isEqualTo("RUNNING");
            assertThat(reply.getDurationMs()).as("answered at the completion timeout").isGreaterThanOrEqualTo(3_000);
            assertThat(awaiting.fluent().inventory(retailer(awaiting), "DEFAULT:" + retailer(awaiting), "STORE-A", "SKU-9")).contains(4);
        }
    }

    /**
     * A stop while Fluent cannot answer the status reads: every command of the awaited batch still replies at once with
     * the status last seen (none may be dropped, or its accepted position is sent again after the restart).
     */
    @Test
    void withAwaitCompletionAStopDuringAFluentOutageStillRepliesToEveryCommand() throws Exception {
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        List<Reply> replies;
        try (RunningWorker stopping = RunningWorker.start("inventory-await-stop", Map.of("worker.inventory.await-completion", "true",
                "worker.inventory.linger", "300ms", "worker.inventory.completion-timeout", "10m",
                "worker.inventory.completion-poll-interval", "200ms"))) {
            FluentSimulator fluent = stopping.fluent();
            fluent.holdBatchesRunning(true);
            for (int i = 0; i < ids.size(); i++) {
                stopping.producer().send(stopping.topic(KIND), "STORE-O/SKU-" + i, position(ids.get(i), "STORE-O", "SKU-" + i, 6).build());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> batchReads(fluent) >= 1);
            fluent.outage(true);
            long readsBefore = batchReads(fluent);
            await().atMost(Duration.ofSeconds(30)).until(() -> batchReads(fluent) >= readsBefore + 2); // reads Fluent did not answer

            stopping.server().getApplicationContext().stop();
            replies = ids.stream().map(stopping::awaitReply).toList();
        }
        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
            assertThat(reply.getDetail()).isEqualTo(ReplyDetail.ACCEPTED);
            assertThat(((InventoryBatchResult) reply.getResult()).getBatchStatus()).isEqualTo("RUNNING");
        });
    }

    @Test
    void aStopSendsTheOpenBatchAtOnceInsteadOfWaitingOutItsLinger() throws Exception {
        String id = UUID.randomUUID().toString();
        long stopMs;
        Reply reply;
        try (RunningWorker stopping = RunningWorker.start("inventory-stop", Map.of("worker.inventory.linger", "1m",
                "worker.shutdown-grace-period", "60s"))) { // the linger is bounded to 15 s, a quarter of the grace period
            stopping.producer().send(stopping.topic(KIND), "STORE-S/SKU-0", position(id, "STORE-S", "SKU-0", 5).build());
            await().atMost(Duration.ofSeconds(30)).until(() -> !stopping.fluent().graphQlRequests().isEmpty()); // its retailer look-up

            long start = System.nanoTime();
            stopping.server().getApplicationContext().stop();
            stopMs = (System.nanoTime() - start) / 1_000_000;
            reply = stopping.awaitReply(id);
        }
        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        assertThat(stopMs).as("the stop did not wait out the batch's 15 s linger").isLessThan(10_000);
    }

    /**
     * Positions per second one worker sends to Fluent, and how many HTTP requests that took. With the default
     * worker.max-buffered (2,000 over every assigned partition, 51 here) a partition holds about 39 commands, which
     * bounds a batch; the figure is taken with worker.max-buffered raised so batches can fill.
     */
    @Test
    void measuresPositionsPerSecond() throws Exception {
        int positions = 20_000;
        try (RunningWorker bench = RunningWorker.start("inventory-bench", Map.of("worker.max-buffered", 60_000))) {
            bench.fluent().clearRecordedRequests();
            long start = System.nanoTime();
            for (int i = 0; i < positions; i++) {
                bench.producer().sendLater(bench.topic(KIND), "L" + (i % 50) + "/S" + i,
                        position("bench-" + i, "L" + (i % 50), "S" + i, i % 100).build());
            }
            bench.producer().flush();
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200))
                    .until(() -> bench.records(bench.replies()).size() >= positions);
            double seconds = (System.nanoTime() - start) / 1e9;
            FluentSimulator fluent = bench.fluent();
            System.out.printf("InventoryIT: %d positions in %.1f s = %.0f positions/s; HTTP requests to Fluent: %d batch POSTs, "
                            + "%d job POSTs, %d REST, %d GraphQL, %d token (%d distinct positions stored)%n",
                    positions, seconds, positions / seconds, posts(fluent, "/batch"), posts(fluent, "/api/v4.1/job"),
                    fluent.restRequests().size(), fluent.graphQlRequests().size(), fluent.tokenRequests().size(), fluent.inventoryPositions());
            assertThat(fluent.inventoryPositions()).isEqualTo(positions);
        }
    }

    private static String retailer(RunningWorker running) {
        return running.fluent().account().retailerId();
    }

    private static UpdateInventory.Builder position(String id, String location, String sku, int qty) {
        return UpdateInventory.newBuilder().setCommandId(id).setLocationRef(location).setSkuRef(sku).setQty(qty);
    }

    private static long batchReads(FluentSimulator fluent) {
        return fluent.restRequests().stream().filter(r -> r.method().equals("GET") && r.path().contains("/batch/")).count();
    }

    private static long posts(FluentSimulator fluent, String pathSuffix) {
        return fluent.restRequests().stream().filter(r -> r.method().equals("POST") && r.path().endsWith(pathSuffix))
                .map(RecordedRequest::path).count();
    }
}
