package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.command.Command;
import io.fluentkafka.worker.command.CommandMetadata;
import io.fluentkafka.worker.command.Operation;
import org.apache.avro.specific.SpecificRecord;

/**
 * Pure translation of a decoded Avro record into a {@link Command} of its operation. The metadata are read by field
 * name, which every command schema has (checked by the catalogue at startup); no other checks.
 */
final class CommandMapper {

    private CommandMapper() {
    }

    static <C extends SpecificRecord> Command<C> toCommand(Operation<C> operation, SpecificRecord record) {
        C fields = operation.commandType().cast(record);
        CommandMetadata metadata = new CommandMetadata(text(fields, 0), text(fields, 1), text(fields, 2));
        return new Command<>(metadata, operation, fields);
    }

    /** The metadata field at {@code position} of {@link CommandMetadata#FIELDS}. */
    private static String text(SpecificRecord record, int position) {
        Object value = record.get(position);
        return value == null ? null : value.toString();
    }
}
