package io.fluentkafka.worker.consumer;

import io.fluentkafka.worker.config.ConsumerConfiguration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;

/**
 * What the poll thread does with its Kafka consumer until the stop: each record polled goes to the dispatcher unless
 * its partition's last commit names it as finished; after each poll, back-pressure is applied and the finished
 * offsets are committed when due. Once the stop is given it drains: every partition is paused, commands not started
 * are left for the next owner, running ones may finish until the drain ends (it keeps polling, to stay in the group,
 * and committing), and what finished is committed synchronously. Poll thread only, except the two gauges' reads.
 */
final class PollLoop {

    private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);

    private final ConsumerConfiguration configuration;
    private final KeyOrderedDispatcher dispatcher;
    private final AssignedOffsets offsets;
    private final PartitionPauser pauser;
    private final StopSignal stop;
    private volatile long lastPollNanos = System.nanoTime();
    private volatile long lag;

    // poll thread only, set when the loop runs
    private Consumer<byte[], byte[]> consumer;
    private OffsetCommitter committer;

    PollLoop(ConsumerConfiguration configuration, KeyOrderedDispatcher dispatcher, AssignedOffsets offsets, PartitionPauser pauser,
             StopSignal stop) {
        this.configuration = configuration;
        this.dispatcher = dispatcher;
        this.offsets = offsets;
        this.pauser = pauser;
        this.stop = stop;
    }

    /** Subscribes to {@code topics} and polls until the stop is given, then drains; the caller closes the consumer. */
    void run(Consumer<byte[], byte[]> kafka, Set<String> topics) {
        consumer = kafka;
        committer = new OffsetCommitter(kafka, offsets, stop, configuration.commitInterval());
        kafka.subscribe(topics, new RebalanceListener(kafka, offsets, committer, dispatcher, pauser, stop));
        LOG.info("consuming {} as group {}", topics, configuration.groupId());
        while (!stop.stopping()) {
            pollOnce();
        }
        drainForShutdown();
    }

    /** When the last poll returned, as a {@link System#nanoTime()}. */
    long lastPollNanos() {
        return lastPollNanos;
    }

    /** Records in the assigned partitions not yet fetched, as of the last poll. */
    long lag() {
        return lag;
    }

    private void pollOnce() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(configuration.pollTimeout())) {
            Job job = new Job(record, configuration.ordering());
            if (offsets.take(job)) {
                dispatcher.submit(job);
            }
        }
        lastPollNanos = System.nanoTime();
        lag = consumer.assignment().stream().mapToLong(partition -> consumer.currentLag(partition).orElse(0)).sum();
        pauser.apply(consumer, offsets.held(), new BackPressure.Held(dispatcher.unfinished(), dispatcher.unfinishedBytes()));
        committer.commitIfDue();
    }

    private void drainForShutdown() {
        pauser.stopFetching(consumer);
        StopDeadline deadline = stop.deadline();
        int notStarted = dispatcher.dropNotStarted();
        LOG.info("stopping: {} running commands get up to {} ms to finish; {} not started are left to be processed again",
                dispatcher.unfinished(), deadline.untilDrainEnds().toMillis(), notStarted);
        while (dispatcher.unfinished() > 0 && System.nanoTime() < deadline.drainEndNanos()) {
            // stays in the group and commits what finishes; nothing comes, every partition is paused
            Duration untilDrainEnds = deadline.untilDrainEnds();
            consumer.poll(untilDrainEnds.compareTo(configuration.pollTimeout()) < 0 ? untilDrainEnds : configuration.pollTimeout());
            committer.commitAssigned(false);
        }
        int left = dispatcher.unfinished();
        if (left > 0) {
            dispatcher.abandon(consumer.assignment());
            LOG.warn("stopping: {} commands did not finish in time; they will be processed again", left);
        }
        committer.commitAssigned(true);
    }
}
