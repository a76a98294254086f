package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.command.Command;
import io.fluentkafka.worker.command.Handled;
import io.fluentkafka.worker.command.OperationCatalogue;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * A bug on demand, for tests: with {@code test.failing-reply-mapper.prefix} set, building the reply of a command
 * whose id starts with it throws, as a mapping bug would.
 */
@Singleton
@Replaces(ReplyMapper.class)
@Requires(property = FailingReplyMapper.PREFIX)
final class FailingReplyMapper extends ReplyMapper {

    static final String PREFIX = "test.failing-reply-mapper.prefix";

    private final String prefix;

    FailingReplyMapper(OperationCatalogue catalogue, @Value("${" + PREFIX + "}") String prefix) {
        super(catalogue);
        this.prefix = prefix;
    }

    @Override
    Reply toReply(Command<?> command, Handled handled, long durationMs) {
        if (command.metadata().commandId().startsWith(prefix)) {
            throw new IllegalStateException("a mapping bug, injected by the test");
        }
        return super.toReply(command, handled, durationMs);
    }
}
