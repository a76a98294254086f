package io.fluentkafka.worker.messaging;

import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.context.annotation.Property;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How every command listener consumes: raw bytes in batches (so an unreadable value is ours to dead-letter, not
 * the client's to skip), in the worker's consumer group, with offsets committed only by
 * {@link CommandBatchProcessor} after replies and dead letters are acknowledged.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@KafkaListener(
        groupId = "${worker.group-id}",
        batch = true,
        offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.DISABLED,
        properties = @Property(name = ConsumerConfig.MAX_POLL_RECORDS_CONFIG, value = "${worker.max-poll-records}"))
@interface CommandListener {
}
