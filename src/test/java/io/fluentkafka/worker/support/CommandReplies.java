package io.fluentkafka.worker.support;

import io.fluentkafka.worker.avro.ErrorCategory;
import io.fluentkafka.worker.avro.FluentError;
import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.ReplyStatus;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A command sent to a {@link RunningWorker} and its reply awaited, and what a reply that Fluent refused looks like. */
public final class CommandReplies {

    private CommandReplies() {
    }

    /** Sends {@code command} to the {@code kind} topic, keyed by its command id, and awaits its reply. */
    public static Reply send(RunningWorker worker, String kind, SpecificRecordBase command) {
        String id = (String) command.get("commandId");
        worker.producer().send(worker.topic(kind), id, command);
        return worker.awaitReply(id);
    }

    /** The command failed at its first call to Fluent with one error, {@code code}, and was dead-lettered there. */
    public static void assertFailedByFluent(RunningWorker worker, String kind, Reply reply, String id, String code) {
        ConsumerRecord<byte[], byte[]> deadLetter = worker.awaitDeadLetter(kind, "dlt.command-id", id);
        assertThat(reply.getStatus()).as(kind).isEqualTo(ReplyStatus.FAILED);
        assertThat(reply.getError().getCategory()).as(kind).isEqualTo(ErrorCategory.FLUENT_REJECTED);
        assertThat(reply.getError().getFluentErrors()).as(kind).extracting(FluentError::getCode).containsExactly(code);
        assertThat(reply.getAttempts()).as(kind).isEqualTo(1);
        assertThat(RunningWorker.header(deadLetter, "dlt.error.stage")).isEqualTo("fluent");
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
