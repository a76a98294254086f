package io.fluentkafka.worker;

import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.ReplyDetail;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.avro.UpdateInventory;
import io.fluentkafka.worker.messaging.AvroTrust;
import io.fluentkafka.worker.support.fluent.FluentSimulator;
import io.fluentkafka.worker.support.kafka.CommandProducer;
import io.fluentkafka.worker.support.kafka.KafkaBroker;
import io.fluentkafka.worker.support.process.Commits;
import io.fluentkafka.worker.support.process.WorkerFleet;
import io.fluentkafka.worker.support.process.WorkerOutput;
import io.fluentkafka.worker.support.process.WorkerProcess;
import io.fluentkafka.worker.support.process.WorkerTopics;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * UpdateInventory across a SIGKILL while batches are in flight, the worker run from the built jar: every command
 * replies, Fluent's final stock of every position is the last quantity sent for it, and no position a commit before
 * the kill covered is sent again. Prints a {@code GUARANTEE} line with what it observed and what it cost.
 */
class InventoryCrashIT {

    private static final String KIND = "update-inventory";
    private static final int LOCATIONS = 25;
    private static final int SKUS = 40;
    /** Each position gets this many commands, with increasing absolute quantities. */
    private static final int UPDATES = 5;

    @TempDir
    Path logs;

    private final FluentSimulator fluent = FluentSimulator.start();
    private WorkerFleet fleet;
    private WorkerOutput output;

    @BeforeAll
    static void trustAvro() {
        AvroTrust.ensure();
    }

    @AfterEach
    void stopEverything() throws Exception {
        List<String> leaks = fleet == null ? List.of() : fleet.closeAndFindLeaks(fluent);
        if (output != null) {
            output.reader().close();
        }
        fluent.close();
        assertThat(leaks).as("secrets in the worker processes' logs").isEmpty();
    }

    @Test
    void neitherLosesNorDoublesAPositionWhenTheWorkerIsKilledMidBatch() {
        String prefix = "inventory-crash-" + UUID.randomUUID().toString().substring(0, 8);
        String bootstrap = KafkaBroker.bootstrapServers();
        WorkerTopics topics = WorkerTopics.create(bootstrap, prefix, 1, Map.of(KIND, 6));
        fluent.latency(Duration.ofMillis(150)); // a batch POST is in flight for a while
        output = WorkerOutput.read(bootstrap, prefix);
        List<Sent> sent = produce(topics.of(KIND), prefix);
        fleet = new WorkerFleet(logs);
        // a short linger and room for every position at once: a batch every few hundred milliseconds (a position's
        // next command waits for the batch of its previous one, so each round of quantities goes in its own batches)
        Map<String, String> settings = Map.of("worker.inventory.linger", "200ms", "worker.max-buffered", "20000");

        WorkerProcess first = fleet.start(bootstrap, prefix, fluent, "256m", settings, List.of());
        long started = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> fluent.batchCount() >= 4 && batchPosts() > fluent.batchCount());
        first.kill();
        long killed = System.nanoTime();
        int batchesAtKill = fluent.batchCount();
        int inFlightAtKill = batchPosts() - batchesAtKill; // Fluent applies them all the same, and no reply follows
        long appliedBeforeKill = fluent.inventoryEntitiesReceived();
        int repliedBeforeKill = output.repliesByCommand().size();
        Map<TopicPartition, OffsetAndMetadata> committedAtKill = Commits.committed(bootstrap, prefix + "-worker");
        WorkerProcess second = fleet.start(bootstrap, prefix, fluent, "256m", settings, List.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> output.repliesByCommand().size() >= sent.size());
        double seconds = (System.nanoTime() - started) / 1e9;

        Map<String, List<Reply>> byCommand = output.repliesByCommand();
        assertThat(byCommand).hasSize(sent.size());
        assertThat(byCommand.values()).allSatisfy(replies -> assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.getStatus()).as(reply.toString()).isEqualTo(ReplyStatus.SUCCEEDED);
            assertThat(reply.getDetail()).isEqualTo(ReplyDetail.ACCEPTED);
        }));
        assertThat(output.deadLetters()).isEmpty();
        String retailer = fluent.account().retailerId();
        String catalogue = "DEFAULT:" + retailer;
        List<String> wrongStock = new ArrayList<>();
        List<Sent> doubled = new ArrayList<>();
        int resent = 0;
        for (Sent command : sent) {
            List<Integer> history = fluent.inventoryHistory(retailer, catalogue, command.location(), command.sku());
            int applied = Collections.frequency(history, command.qty());
            Optional<Integer> stock = fluent.inventory(retailer, catalogue, command.location(), command.sku());
            if (command.last() && !stock.equals(Optional.of(command.qty()))) {
                wrongStock.add(command.location() + "/" + command.sku() + ": " + history + ", last sent " + command.qty());
            }
            if (applied > 1 && Commits.coveredBy(committedAtKill, command.at())) {
                doubled.add(command);
            }
            resent += applied > 1 ? 1 : 0;
            assertThat(applied).as("times Fluent applied " + command).isPositive();
        }
        // The guarantees, independent of timing: the last quantity sent is the stock (nothing lost, no older value left
        // behind), and nothing the commit at the kill covered went to Fluent twice. How many positions were sent again
        // (those of batches Fluent accepted whose commit the kill prevented) is a figure, printed below.
        assertThat(wrongStock).as("positions whose final stock is not the last quantity sent").isEmpty();
        assertThat(doubled).as("positions covered by the commit at the kill and sent to Fluent again").isEmpty();
        assertThat(fluent.inventoryPositions()).isEqualTo(LOCATIONS * SKUS);
        long repliedTwice = byCommand.values().stream().filter(replies -> replies.size() > 1).count();
        System.out.printf("GUARANTEE inventory crash: %d commands over %d positions, SIGKILL with %d batch POSTs in flight after "
                        + "%d accepted batches (%d positions applied, %d commands replied): 0 lost, 0 stale, nothing committed "
                        + "sent again; %d positions sent again after the restart (%d replied twice, %d records skipped by the "
                        + "restarted worker as already finished); %.0f positions/s before the kill, %.0f commands/s overall "
                        + "(%.1f s, restart included); requests: %d batch POSTs (%d accepted, %.0f positions each on average), "
                        + "%d job POSTs, %d job GETs, %d token, %d GraphQL%n",
                sent.size(), LOCATIONS * SKUS, inFlightAtKill, batchesAtKill, appliedBeforeKill, repliedBeforeKill, resent,
                repliedTwice, second.recordsSkippedAsFinished(), appliedBeforeKill / ((killed - started) / 1e9),
                sent.size() / seconds, seconds, batchPosts(), fluent.batchCount(),
                (double) fluent.inventoryEntitiesReceived() / fluent.batchCount(), jobPosts(), jobGets(),
                fluent.tokenRequests().size(), fluent.graphQlRequests().size());
    }

    /**
     * {@link #UPDATES} rounds over every position, each round's quantities above the last; a position's commands share
     * its key, so they stay in order in one partition. Says where each landed.
     */
    private static List<Sent> produce(String topic, String prefix) {
        List<Sent> sent = new ArrayList<>();
        List<Future<RecordMetadata>> landed = new ArrayList<>();
        try (CommandProducer producer = new CommandProducer(KafkaBroker.bootstrapServers())) {
            for (int round = 1; round <= UPDATES; round++) {
                for (int location = 0; location < LOCATIONS; location++) {
                    for (int sku = 0; sku < SKUS; sku++) {
                        String locationRef = "LOC-" + location;
                        String skuRef = "SKU-" + sku;
                        int qty = round * 1_000 + location * SKUS + sku;
                        String id = prefix + "-" + locationRef + "-" + skuRef + "-" + round;
                        UpdateInventory command = UpdateInventory.newBuilder().setCommandId(id).setLocationRef(locationRef)
                                .setSkuRef(skuRef).setQty(qty).build();
                        landed.add(producer.sendLater(topic, locationRef + "/" + skuRef, command));
                        sent.add(new Sent(id, locationRef, skuRef, qty, round == UPDATES, null));
                    }
                }
            }
            producer.flush();
        }
        try {
            List<Sent> placed = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                placed.add(sent.get(i).at(landed.get(i).get())); // done: flushed above
            }
            return placed;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("a command of " + prefix + " was not produced", e);
        }
    }

    private int batchPosts() {
        return requests("POST", "/batch");
    }

    private int jobPosts() {
        return requests("POST", "/api/v4.1/job");
    }

    private int jobGets() {
        return (int) fluent.restRequests().stream()
                .filter(r -> r.method().equals("GET") && r.path().matches("/api/v4\\.1/job/[^/]+")).count();
    }

    private int requests(String method, String pathSuffix) {
        return (int) fluent.restRequests().stream().filter(r -> r.method().equals(method) && r.path().endsWith(pathSuffix)).count();
    }

    /** One command as produced: its position, its absolute quantity, whether it is its position's last, and where it landed. */
    private record Sent(String id, String location, String sku, int qty, boolean last, RecordMetadata at) {

        Sent at(RecordMetadata landed) {
            return new Sent(id, location, sku, qty, last, landed);
        }

        @Override
        public String toString() {
            return id + " (qty " + qty + ")";
        }
    }
}
