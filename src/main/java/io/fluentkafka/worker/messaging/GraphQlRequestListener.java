package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.command.CommandType;
import io.micronaut.configuration.kafka.annotation.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/** Consumes GraphQlRequest commands from {@code worker.topics.graphql-request}. */
@CommandListener
final class GraphQlRequestListener {

    private final CommandBatchProcessor batches;

    GraphQlRequestListener(CommandBatchProcessor batches) {
        this.batches = batches;
    }

    @Topic("${worker.topics.graphql-request}")
    void receive(List<ConsumerRecord<byte[], byte[]>> records, Consumer<byte[], byte[]> consumer) {
        batches.process(CommandType.GRAPHQL_REQUEST, records, consumer);
    }
}
