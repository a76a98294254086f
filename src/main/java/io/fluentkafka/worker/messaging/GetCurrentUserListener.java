package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.command.CommandType;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/** Consumes GetCurrentUser commands from {@code worker.topics.get-current-user}. */
@CommandListener
final class GetCurrentUserListener {

    private final CommandBatchProcessor batches;

    GetCurrentUserListener(CommandBatchProcessor batches) {
        this.batches = batches;
    }

    @Topic("${worker.topics.get-current-user}")
    void receive(List<ConsumerRecord<byte[], byte[]>> records, Consumer<byte[], byte[]> consumer) {
        batches.process(CommandType.GET_CURRENT_USER, records, consumer);
    }
}
