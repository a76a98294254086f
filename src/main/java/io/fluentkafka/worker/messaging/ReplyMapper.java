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
import io.fluentkafka.worker.command.Handled;
import io.fluentkafka.worker.command.Outcome;
import io.fluentkafka.worker.fluent.Customer;
import io.fluentkafka.worker.fluent.FluentEntity;
import io.fluentkafka.worker.fluent.FluentError;
import io.fluentkafka.worker.fluent.GraphQlResponse;
import io.fluentkafka.worker.fluent.Product;
import io.fluentkafka.worker.fluent.User;

import java.util.List;

/** Pure translation of a handled command into the Avro {@link Reply}. */
final class ReplyMapper {

    private ReplyMapper() {
    }

    static Reply toReply(Command command, Handled handled, long durationMs) {
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
     * What replaces a reply Kafka refused as too large: the same command, FAILED with a CONFIGURATION error that
     * says why, without the result. Fluent did perform the command; only the reply could not carry its result.
     */
    static Reply tooLarge(Reply refused, String why) {
        return Reply.newBuilder(refused)
                .setStatus(ReplyStatus.FAILED)
                .setDetail(ReplyDetail.ERROR)
                .setResult(null)
                .setError(new ReplyError(ErrorCategory.CONFIGURATION, "the command was performed, but its reply is too large "
                        + "for the reply topic (" + why + "); raise max.message.bytes there and the worker's "
                        + "kafka.producers.fluent-kafka-worker.max.request.size", List.of()))
                .build();
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
