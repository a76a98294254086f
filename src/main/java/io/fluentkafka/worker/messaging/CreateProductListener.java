package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.command.CommandType;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/** Consumes CreateProduct commands from {@code worker.topics.create-product}. */
@CommandListener
final class CreateProductListener {

    private final CommandBatchProcessor batches;

    CreateProductListener(CommandBatchProcessor batches) {
        this.batches = batches;
    }

    @Topic("${worker.topics.create-product}")
    void receive(List<ConsumerRecord<byte[], byte[]>> records, Consumer<byte[], byte[]> consumer) {
        batches.process(CommandType.CREATE_PRODUCT, records, consumer);
    }
}
