package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.command.CommandType;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/** Consumes CreateCustomer commands from {@code worker.topics.create-customer}. */
@CommandListener
final class CreateCustomerListener {

    private final CommandBatchProcessor batches;

    CreateCustomerListener(CommandBatchProcessor batches) {
        this.batches = batches;
    }

    @Topic("${worker.topics.create-customer}")
    void receive(List<ConsumerRecord<byte[], byte[]>> records, Consumer<byte[], byte[]> consumer) {
        batches.process(CommandType.CREATE_CUSTOMER, records, consumer);
    }
}
