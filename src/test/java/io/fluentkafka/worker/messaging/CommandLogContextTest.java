package io.fluentkafka.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluentkafka.worker.command.CommandMetadata;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** A step's MDC fields are the record's and its own command's, never a command's left on the thread before it. */
class CommandLogContextTest {

    private static final ConsumerRecord<String, String> RECORD = new ConsumerRecord<>("fluent.create-customer", 2, 17L, "k", "v");

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void givesAStepItsRecordAndCommandThenRestoresTheThreadsFields() {
        MDC.put("unrelated", "kept");

        Map<String, String> during = CommandLogContext.call(RECORD, new CommandMetadata("c-1", null, "eu"),
                MDC::getCopyOfContextMap);

        assertThat(during).containsEntry("record", "fluent.create-customer-2@17").containsEntry("commandId", "c-1")
                .containsEntry("connection", "eu").containsEntry("unrelated", "kept");
        assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("unrelated", "kept"));
    }

    @Test
    void leavesOutAnotherCommandsFieldsWhenTheRecordHasNoCommandYet() {
        MDC.put("commandId", "other-command");
        MDC.put("connection", "other-connection");

        Map<String, String> during = CommandLogContext.call(RECORD, null, MDC::getCopyOfContextMap);

        assertThat(during).containsEntry("record", "fluent.create-customer-2@17")
                .doesNotContainKeys("commandId", "connection");
        assertThat(MDC.get("commandId")).as("restored after the step").isEqualTo("other-command");
    }
}
