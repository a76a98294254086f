package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.command.CommandMetadata;
import io.fluentkafka.worker.config.FluentConnectionConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The fields of a command's log lines, as MDC entries (fields of their own with {@code LOG_FORMAT=json}):
 * {@value #RECORD} ({@code topic-partition@offset}), and once the record is read {@value #COMMAND_ID} and
 * {@value #CONNECTION}. A command's steps run on several threads (the one that starts it, the HTTP client's, the
 * publishing pool's), so the entries are set around each synchronous step that may log, on the thread running it,
 * and that thread's previous entries are restored after it: a pooled thread never keeps a command's fields.
 */
final class CommandLogContext {

    static final String RECORD = "record";
    static final String COMMAND_ID = "commandId";
    static final String CONNECTION = "connection";

    private CommandLogContext() {
    }

    /**
     * Runs {@code step} with the record's field, and the command's if {@code command} is not null; without a command,
     * the thread's own command fields (another command's, on a thread that did not restore them) are left out too.
     */
    static <T> T call(ConsumerRecord<?, ?> record, CommandMetadata command, Supplier<T> step) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        try {
            MDC.put(RECORD, CommandRecordProcessor.where(record));
            if (command != null) {
                identify(command);
            } else {
                MDC.remove(COMMAND_ID);
                MDC.remove(CONNECTION);
            }
            return step.get();
        } finally {
            if (previous == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previous);
            }
        }
    }

    /** As {@link #call}, for a step without a result (typically one log line). */
    static void run(ConsumerRecord<?, ?> record, CommandMetadata command, Runnable step) {
        call(record, command, () -> {
            step.run();
            return null;
        });
    }

    /** Adds the command's fields to the current step's (inside {@link #call}), once the record has been read. */
    static void identify(CommandMetadata command) {
        MDC.put(COMMAND_ID, command.commandId());
        MDC.put(CONNECTION, command.connection() == null ? FluentConnectionConfiguration.DEFAULT_NAME : command.connection());
    }
}
