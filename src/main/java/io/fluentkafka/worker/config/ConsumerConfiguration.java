package io.fluentkafka.worker.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;

import java.time.Duration;

/**
 * How the worker consumes commands: {@code worker.*}.
 *
 * @param groupId             the Kafka consumer group shared by every replica
 * @param ordering            {@code key}: records with the same key in a partition run in order, all others
 *                            concurrently; {@code partition}: one record at a time per partition, like a
 *                            conventional listener (the benchmark's baseline)
 * @param maxInFlight         calls to Fluent at once, across all partitions and connections; a command waiting
 *                            (for a retry, its connection, or its key) holds none
 * @param maxBuffered         commands taken from Kafka and not yet finished; at this bound the worker stops
 *                            fetching (pauses its partitions) until half of them have finished
 * @param maxBufferedBytes    the same bound in bytes of those commands' records (key, value and headers), since a
 *                            record may be as large as the topic's {@code max.message.bytes} (1 MB by default).
 *                            The default, 32 MB, is sized for the Helm chart's heap (a 512 MiB memory limit at
 *                            {@code -XX:MaxRAMPercentage=75}: about 384 MB): a command in flight holds about four
 *                            times its record (the record, the decoded command, the GraphQL request body, the HTTP
 *                            client's copy), so a buffer of large commands, all in flight, holds about 130 MB, a third
 *                            of the heap, beside the Kafka clients' fetch buffers and the rest of the worker
 * @param pollTimeout         longest a poll waits for records
 * @param commitInterval      how often finished offsets are committed while running
 * @param shutdownGracePeriod the whole of a stop: running commands may finish until 5 s (at most half of it) before
 *                            its end, then the worker commits what finished and leaves the group in what is left;
 *                            also how long a rebalance waits for the running commands of partitions taken away.
 *                            Keep it at least 5 s below the pod's termination grace period, for the JVM's exit
 */
@ConfigurationProperties(ConsumerConfiguration.PREFIX)
public record ConsumerConfiguration(
        @Bindable(defaultValue = "fluent-kafka-worker") String groupId,
        @Bindable(defaultValue = "key") Ordering ordering,
        @Bindable(defaultValue = "256") int maxInFlight,
        @Bindable(defaultValue = "2000") int maxBuffered,
        @Bindable(defaultValue = "32MB") @ReadableBytes long maxBufferedBytes,
        @Bindable(defaultValue = "100ms") Duration pollTimeout,
        @Bindable(defaultValue = "200ms") Duration commitInterval,
        @Bindable(defaultValue = "20s") Duration shutdownGracePeriod) {

    public static final String PREFIX = "worker";

    /** What commands must wait for: an earlier one with the same key, or any earlier one in the partition. */
    public enum Ordering { KEY, PARTITION }

    public ConsumerConfiguration {
        if (groupId == null || groupId.isBlank()) {
            throw new ConfigurationException(PREFIX + ".group-id must not be empty");
        }
        if (ordering == null) {
            throw new ConfigurationException(PREFIX + ".ordering must be key or partition");
        }
        if (maxInFlight < 1) {
            throw new ConfigurationException(PREFIX + ".max-in-flight must be at least 1");
        }
        if (maxBuffered < maxInFlight) {
            throw new ConfigurationException(PREFIX + ".max-buffered must be at least " + PREFIX + ".max-in-flight");
        }
        if (maxBufferedBytes < 1) {
            throw new ConfigurationException(PREFIX + ".max-buffered-bytes must be positive, e.g. 32MB");
        }
        for (Object[] entry : new Object[][] {{"poll-timeout", pollTimeout}, {"commit-interval", commitInterval},
                {"shutdown-grace-period", shutdownGracePeriod}}) {
            if (entry[1] == null || ((Duration) entry[1]).isNegative()) {
                throw new ConfigurationException(PREFIX + "." + entry[0] + " must be zero or positive");
            }
        }
    }
}
