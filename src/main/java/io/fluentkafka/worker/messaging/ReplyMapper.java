package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.avro.CustomerResult;
import io.fluentkafka.worker.avro.ErrorCategory;
import io.fluentkafka.worker.avro.GraphQlResult;
import io.fluentkafka.worker.avro.ProductResult;
import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.ReplyDetail;
import io.fluentkafka.worker.avro.ReplyError;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.avro.UserResult;
import io.fluentkafka.worker.command.Command;
import io.fluentkafka.worker.command.CommandType;
import io.fluentkafka.worker.command.Handled;
import io.fluentkafka.worker.command.Outcome;
import io.fluentkafka.worker.fluent.Customer;
import io.fluentkafka.worker.fluent.FluentEntity;
import io.fluentkafka.worker.fluent.FluentError;
import io.fluentkafka.worker.fluent.GraphQlResponse;
import io.fluentkafka.worker.fluent.Product;
import io.fluentkafka.worker.fluent.User;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Pure translation of a handled command into the Avro {@link Reply}. The enums of {@code command/} map to the Avro
 * enums by name; that they all do is checked once, when the mapper is created at startup.
 */
@Singleton
class ReplyMapper {

    private static final int ID_MAX = 255;
    private static final int MESSAGE_MAX = 2_000;

    ReplyMapper() {
        checkEnumsMap();
    }

    Reply toReply(Command command, Handled handled, long durationMs) {
        Reply.Builder reply = Reply.newBuilder()
                .setCommandId(command.metadata().commandId())
                .setCorrelationId(command.metadata().correlationId())
                .setCommandType(io.fluentkafka.worker.avro.CommandType.valueOf(command.type().name()))
                .setAttempts(handled.attempts())
                .setDurationMs(durationMs);
        if (handled.outcome() instanceof Outcome.Succeeded succeeded) {
            reply.setStatus(ReplyStatus.SUCCEEDED)
                    .setDetail(ReplyDetail.valueOf(succeeded.detail().name()))
                    .setResult(result(succeeded.result()))
                    .setError(succeeded.errors().isEmpty() ? null
                            : error(ErrorCategory.FLUENT_REJECTED, "Fluent returned partial data with errors", succeeded.errors()));
        } else if (handled.outcome() instanceof Outcome.Failed failed) {
            reply.setStatus(ReplyStatus.FAILED)
                    .setDetail(ReplyDetail.ERROR)
                    .setResult(null)
                    .setError(error(ErrorCategory.valueOf(failed.category().name()), failed.message(), failed.errors()));
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
                .setError(new ReplyError(ErrorCategory.valueOf(category.name()), capped(message, MESSAGE_MAX), List.of()))
                .setAttempts(reply.getAttempts())
                .setDurationMs(reply.getDurationMs())
                .build();
    }

    /** A FAILED reply built from the command alone: for when building its real reply failed. */
    static Reply internalFailure(Command command, String message, int attempts, long durationMs) {
        return Reply.newBuilder()
                .setCommandId(command.metadata().commandId() == null ? "" : capped(command.metadata().commandId(), ID_MAX))
                .setCorrelationId(command.metadata().correlationId() == null ? null : capped(command.metadata().correlationId(), ID_MAX))
                .setCommandType(io.fluentkafka.worker.avro.CommandType.valueOf(command.type().name()))
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

    /** Fails startup, naming the constant, if an enum of command/ has a constant its Avro counterpart lacks. */
    static void checkEnumsMap() {
        checkEnumMaps(CommandType.class, io.fluentkafka.worker.avro.CommandType.class);
        checkEnumMaps(Outcome.Detail.class, ReplyDetail.class);
        checkEnumMaps(Outcome.Category.class, ErrorCategory.class);
    }

    static <E extends Enum<E>, A extends Enum<A>> void checkEnumMaps(Class<E> ours, Class<A> avro) {
        for (E constant : ours.getEnumConstants()) {
            try {
                Enum.valueOf(avro, constant.name());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(ours.getName() + "." + constant.name() + " has no counterpart in the Avro enum "
                        + avro.getName() + " (avro/Reply.avsc): add the symbol there, after the existing ones");
            }
        }
    }

    private static Object result(FluentEntity entity) {
        if (entity == null) {
            return null;
        }
        if (entity instanceof Customer c) {
            return new CustomerResult(c.id(), c.ref(), c.username(), c.primaryEmail(), c.firstName(), c.lastName(), c.status(), c.retailerId());
        }
        if (entity instanceof Product p) {
            return new ProductResult(p.id(), p.ref(), p.catalogueRef(), p.type(), p.name(), p.gtin(), p.status());
        }
        if (entity instanceof User u) {
            return new UserResult(u.id(), u.ref(), u.username(), u.primaryEmail(), u.firstName(), u.lastName(), u.type(), u.status(), u.primaryRetailerId());
        }
        return new GraphQlResult(((GraphQlResponse) entity).json());
    }

    private static ReplyError error(ErrorCategory category, String message, List<FluentError> errors) {
        return new ReplyError(category, message, errors.stream()
                .map(e -> new io.fluentkafka.worker.avro.FluentError(e.message(), e.code(), e.path()))
                .toList());
    }
}
