package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.GetCurrentUser;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.Outcome.Detail;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.command.Repeat;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code get-current-user}: Fluent's {@code me}, the user the connection's credentials belong to. */
@Singleton
final class GetCurrentUserOperation implements Operation<GetCurrentUser> {

    static final String ME = "query Me { me { id ref username primaryEmail firstName lastName type status primaryRetailer { id } } }";

    private final Answers answers;

    GetCurrentUserOperation(Answers answers) {
        this.answers = answers;
    }

    @Override
    public String kind() {
        return "get-current-user";
    }

    @Override
    public Class<GetCurrentUser> commandType() {
        return GetCurrentUser.class;
    }

    @Override
    public Map<String, String> documents() {
        return Map.of("me", ME);
    }

    @Override
    public Repeat repeat() {
        return Repeat.IDEMPOTENT;
    }

    @Override
    public void validate(GetCurrentUser command, Checks checks) {
        // nothing beyond the metadata
    }

    @Override
    public CompletableFuture<Succeeded> perform(GetCurrentUser command, Execution execution) {
        return execution.step(() -> answers.single(execution.fluent(), execution.document(kind(), "me"), Map.of(), Results::user))
                .thenApply(user -> user.as(Detail.FOUND));
    }
}
