package io.fluentkafka.worker.consumer;

import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.CallPermits;
import io.fluentkafka.worker.config.ConsumerConfiguration;
import io.fluentkafka.worker.messaging.CommandRecordProcessor;
import io.fluentkafka.worker.messaging.CommandTopics;
import io.fluentkafka.worker.metrics.WorkerMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The worker's intake: one Kafka consumer over every command topic, polled by one thread of its own.
 *
 * <p>Why not {@code @KafkaListener}: Micronaut calls a listener only when a poll returned records, so a listener
 * can neither commit work that finishes while the topics are quiet nor resume partitions it paused. The worker
 * needs both, so it owns its poll loop; the consumer is configured from the same {@code kafka.*} settings.
 *
 * <p>Contract: every record taken ends in a reply and/or dead letter (see {@link CommandRecordProcessor})
 * before its offset is committed; a partition's committed offset never passes an unfinished record, and the
 * records above it that did finish are named in the commit's metadata so that whoever takes the partition next
 * skips them ({@link CommitMetadata}). Records with the same key in a partition are handled in offset order, all
 * others concurrently (up to {@code worker.max-in-flight}). Each partition may hold its share of
 * {@code worker.max-buffered} unfinished records and of {@code worker.max-buffered-bytes} before it is paused
 * ({@link BackPressure}). When partitions are taken away in a rebalance nothing more of theirs starts, and their
 * running commands get up to {@code worker.shutdown-grace-period} to finish; a stop as a whole ends within that
 * period ({@link StopDeadline}). What finished is committed and the rest is left to be processed again by the
 * partition's next owner.
 *
 * <p>This class is the bean: it wires the parts, runs the poll thread and reports its {@link State}. The parts:
 * {@link PollLoop} (polling and the stop's drain), {@link RebalanceListener}, {@link KeyOrderedDispatcher} (running
 * commands), {@link AssignedOffsets} and {@link OffsetCommitter} (what to commit), {@link PartitionPauser}
 * (back-pressure) and {@link StopSignal} (the stop's timing).
 */
@Context
@Requires(beans = KafkaDefaultConfiguration.class)
public final class CommandConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(CommandConsumer.class);
    static final String THREAD_NAME = "command-consumer";
    /** How far {@code KafkaConsumer.close} may overrun its timeout before {@link #stop()} stops waiting for it. */
    private static final Duration CLOSE_OVERRUN = Duration.ofSeconds(1);

    private final ConsumerConfiguration configuration;
    private final Map<String, Operation<?>> operationByTopic;
    private final Properties kafkaProperties;
    private final WorkerMetrics metrics;
    private final AssignedOffsets offsets = new AssignedOffsets();
    private final KeyOrderedDispatcher dispatcher;
    private final PartitionPauser pauser;
    private final StopSignal stop;
    private final PollLoop pollLoop;
    private final CallPermits permits;
    private final Thread pollThread;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Throwable died;

    CommandConsumer(ConsumerConfiguration configuration, CommandTopics topics, KafkaDefaultConfiguration kafka,
                    CommandRecordProcessor processor, CallPermits permits, WorkerMetrics metrics,
                    @Named(TaskExecutors.IO) Executor starter) {
        this.metrics = metrics;
        this.permits = permits;
        this.configuration = configuration;
        this.operationByTopic = topics.operationByTopic();
        this.kafkaProperties = consumerProperties(kafka, configuration);
        this.dispatcher = new KeyOrderedDispatcher(
                (job, abandonment) -> processor.process(job.record(), operationByTopic.get(job.record().topic()), abandonment),
                offsets::finished, starter);
        this.pauser = new PartitionPauser(new BackPressure(configuration.maxBuffered(), configuration.maxBufferedBytes()));
        this.stop = new StopSignal(configuration.shutdownGracePeriod());
        this.pollLoop = new PollLoop(configuration, dispatcher, offsets, pauser, stop);
        this.pollThread = new Thread(this::consume, THREAD_NAME);
        metrics.consumerGauge("worker.commands.in.flight", "Commands calling Fluent now (bounded by worker.max-in-flight)", permits::inUse);
        metrics.consumerGauge("worker.commands.buffered", "Commands taken from Kafka and not finished (queue depth)", dispatcher::unfinished);
        metrics.consumerGauge("worker.commands.buffered.bytes", "Bytes of the records of the commands taken and not finished (key, value, headers)", dispatcher::unfinishedBytes);
        metrics.consumerGauge("worker.consumer.lag", "Records in the assigned partitions not yet fetched", pollLoop::lag);
        metrics.consumerGauge("worker.consumer.paused.partitions", "Partitions not fetched because they hold their share of worker.max-buffered", pauser::pausedPartitions);
    }

    @PostConstruct
    void start() {
        pollThread.start();
    }

    /**
     * Stops taking records, lets running ones finish, commits and leaves the group, all within the grace period
     * (see {@link StopDeadline}); returns when that is done, or a second after the deadline at the latest.
     */
    @PreDestroy
    public void stop() {
        StopDeadline deadline = stop.give();
        try {
            if (!finished.await(deadline.remaining().plus(CLOSE_OVERRUN).toNanos(), TimeUnit.NANOSECONDS)) {
                LOG.warn("the consumer did not stop within {}; exiting without waiting for it", configuration.shutdownGracePeriod());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What liveness and metrics report. */
    public State state() {
        boolean polling = pollThread.isAlive() && died == null;
        Duration sincePoll = Duration.ofNanos(System.nanoTime() - pollLoop.lastPollNanos());
        return new State(polling, died == null ? null : died.toString(), sincePoll, offsets.partitions(),
                permits.inUse(), dispatcher.unfinished(), pauser.pausedPartitions());
    }

    /**
     * @param polling    the poll thread is alive and has not failed
     * @param failure    why the poll thread died, if it did
     * @param sincePoll  time since the last poll returned
     * @param partitions partitions assigned
     * @param running    calls to Fluent running now (see {@link CallPermits})
     * @param unfinished commands taken and not finished (running, or waiting for their key)
     * @param pausedPartitions partitions not fetched for now: they hold their share of {@code worker.max-buffered}
     */
    public record State(boolean polling, String failure, Duration sincePoll, int partitions, int running, int unfinished, int pausedPartitions) {
    }

    /** The poll thread: owns the Kafka consumer from creation to close; if anything escapes, liveness reports it. */
    private void consume() {
        try {
            KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(kafkaProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            try (KafkaClientMetrics clientMetrics = new KafkaClientMetrics(kafka)) {
                clientMetrics.bindTo(metrics.registry());
                pollLoop.run(kafka, operationByTopic.keySet());
            } finally {
                kafka.close(CloseOptions.timeout(stop.closeTimeout())); // Kafka then leaves the group as it can
            }
            LOG.info("stopped with {} ms of the grace period left", stop.deadline().remaining().toMillis());
        } catch (Throwable e) {
            died = e;
            LOG.error("the command consumer stopped: {}; liveness now reports DOWN", e.toString(), e);
        } finally {
            finished.countDown();
        }
    }

    /** {@code kafka.*} settings, with what the worker's guarantees rest on forced: no auto-commit, raw bytes. */
    private static Properties consumerProperties(KafkaDefaultConfiguration kafka, ConsumerConfiguration configuration) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        // small polls, so that one partition's backlog cannot fill the buffer in one go before its share pauses it
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(1, Math.min(500, configuration.maxBuffered() / 40)));
        // and fetches of at most a quarter of worker.max-buffered-bytes (Kafka's default is 50 MB): what the client
        // holds fetched but not yet polled comes on top of the buffer
        properties.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
                (int) Math.max(1 << 20, Math.min(ConsumerConfig.DEFAULT_FETCH_MAX_BYTES, configuration.maxBufferedBytes() / 4)));
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, configuration.groupId() + "-commands");
        properties.putAll(kafka.getConfig());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, configuration.groupId());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        properties.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        return properties;
    }
}
