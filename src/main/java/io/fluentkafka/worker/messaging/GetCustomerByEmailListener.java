package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.command.CommandType;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/** Consumes GetCustomerByEmail commands from {@code worker.topics.get-customer-by-email}. */
@CommandListener
final class GetCustomerByEmailListener {

    private final CommandBatchProcessor batches;

    GetCustomerByEmailListener(CommandBatchProcessor batches) {
        this.batches = batches;
    }

    @Topic("${worker.topics.get-customer-by-email}")
    void receive(List<ConsumerRecord<byte[], byte[]>> records, Consumer<byte[], byte[]> consumer) {
        batches.process(CommandType.GET_CUSTOMER_BY_EMAIL, records, consumer);
    }
}
