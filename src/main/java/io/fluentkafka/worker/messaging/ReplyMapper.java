package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.avro.CommandType;
import io.fluentkafka.worker.avro.ErrorCategory;
import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.ReplyDetail;
import io.fluentkafka.worker.avro.ReplyError;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.command.Command;
import io.fluentkafka.worker.command.Handled;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.OperationCatalogue;
import io.fluentkafka.worker.command.Outcome;
import io.fluentkafka.worker.fluent.FluentError;
import jakarta.inject.Singleton;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pure translation of a handled command into the Avro {@link Reply}. Every kind of the catalogue must have its
 * symbol in the reply's {@code CommandType}: checked once, when the mapper is created at startup. An operation's
 * result must be a member of the reply's {@code result} union: checked for every reply.
 */
@Singleton
class ReplyMapper {

    private static final int ID_MAX = 255;
    private static final int MESSAGE_MAX = 2_000;
    private static final Set<String> RESULT_TYPES = Reply.getClassSchema().getField("result").schema().getTypes().stream()
            .map(Schema::getFullName).collect(Collectors.toUnmodifiableSet());

    ReplyMapper(OperationCatalogue catalogue) {
        checkKinds(catalogue);
    }

    Reply toReply(Command<?> command, Handled handled, long durationMs) {
        Reply.Builder reply = Reply.newBuilder()
                .setCommandId(command.metadata().commandId())
                .setCorrelationId(command.metadata().correlationId())
                .setCommandType(CommandType.valueOf(command.type()))
                .setAttempts(handled.attempts())
                .setDurationMs(durationMs);
        if (handled.outcome() instanceof Outcome.Succeeded succeeded) {
            reply.setStatus(ReplyStatus.SUCCEEDED)
                    .setDetail(detail(succeeded.detail()))
                    .setResult(result(succeeded.result()))
                    .setFluentData(succeeded.fluentData())
                    .setError(succeeded.errors().isEmpty() ? null
                            : error(ErrorCategory.FLUENT_REJECTED, "Fluent returned partial data with errors", succeeded.errors()));
        } else if (handled.outcome() instanceof Outcome.Failed failed) {
            reply.setStatus(ReplyStatus.FAILED)
                    .setDetail(ReplyDetail.ERROR)
                    .setResult(null)
                    .setError(error(category(failed.category()), failed.message(), failed.errors()));
        }
        return reply.build();
    }

    /**
     * The same command answered FAILED in the fewest bytes: no result, no Fluent errors, ids and message capped. What
     * replaces a reply that Kafka refused (too large) or that could not go where the command asked.
     */
    static Reply smallestFailure(Reply reply, Outcome.Category category, String message) {
        return Reply.newBuilder()
                .setCommandId(capped(reply.getCommandId(), ID_MAX))
                .setCorrelationId(reply.getCorrelationId() == null ? null : capped(reply.getCorrelationId(), ID_MAX))
                .setCommandType(reply.getCommandType())
                .setStatus(ReplyStatus.FAILED)
                .setDetail(ReplyDetail.ERROR)
                .setResult(null)
                .setError(new ReplyError(category(category), capped(message, MESSAGE_MAX), List.of()))
                .setAttempts(reply.getAttempts())
                .setDurationMs(reply.getDurationMs())
                .build();
    }

    /** A FAILED reply built from the command alone: for when building its real reply failed. */
    static Reply internalFailure(Command<?> command, String message, int attempts, long durationMs) {
        return Reply.newBuilder()
                .setCommandId(command.metadata().commandId() == null ? "" : capped(command.metadata().commandId(), ID_MAX))
                .setCorrelationId(command.metadata().correlationId() == null ? null : capped(command.metadata().correlationId(), ID_MAX))
                .setCommandType(CommandType.valueOf(command.type()))
                .setStatus(ReplyStatus.FAILED)
                .setDetail(ReplyDetail.ERROR)
                .setResult(null)
                .setError(new ReplyError(ErrorCategory.INTERNAL, capped(message, MESSAGE_MAX), List.of()))
                .setAttempts(attempts)
                .setDurationMs(durationMs)
                .build();
    }

    static String capped(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }

    /** Fails startup, naming the kind, if the reply's CommandType lacks a kind's symbol. */
    static void checkKinds(OperationCatalogue catalogue) {
        Set<String> symbols = Set.copyOf(CommandType.getClassSchema().getEnumSymbols());
        for (Operation<?> operation : catalogue.all()) {
            if (!symbols.contains(operation.constant())) {
                throw new IllegalStateException("kind " + operation.kind() + " has no symbol " + operation.constant()
                        + " in the reply's CommandType (avro/Reply.avsc): add it there, after the existing ones");
            }
        }
    }

    private static SpecificRecord result(SpecificRecord result) {
        if (result != null && !RESULT_TYPES.contains(result.getSchema().getFullName())) {
            throw new IllegalStateException(result.getSchema().getFullName() + " is not a member of the reply's result union "
                    + "(avro/Reply.avsc): add it there, after the existing ones");
        }
        return result;
    }

    private static ReplyDetail detail(Outcome.Detail detail) {
        return switch (detail) {
            case CREATED -> ReplyDetail.CREATED;
            case ALREADY_EXISTS -> ReplyDetail.ALREADY_EXISTS;
            case FOUND -> ReplyDetail.FOUND;
            case NOT_FOUND -> ReplyDetail.NOT_FOUND;
            case EXECUTED -> ReplyDetail.EXECUTED;
            case PARTIAL -> ReplyDetail.PARTIAL;
            case UPDATED -> ReplyDetail.UPDATED;
            case SENT -> ReplyDetail.SENT;
            case ACCEPTED -> ReplyDetail.ACCEPTED;
        };
    }

    static ErrorCategory category(Outcome.Category category) {
        return switch (category) {
            case VALIDATION -> ErrorCategory.VALIDATION;
            case FLUENT_REJECTED -> ErrorCategory.FLUENT_REJECTED;
            case FLUENT_UNAVAILABLE -> ErrorCategory.FLUENT_UNAVAILABLE;
            case AUTHENTICATION -> ErrorCategory.AUTHENTICATION;
            case CONFIGURATION -> ErrorCategory.CONFIGURATION;
            case INTERNAL -> ErrorCategory.INTERNAL;
        };
    }

    private static ReplyError error(ErrorCategory category, String message, List<FluentError> errors) {
        return new ReplyError(category, message, errors.stream()
                .map(e -> new io.fluentkafka.worker.avro.FluentError(e.message(), e.code(), e.path()))
                .toList());
    }
}
