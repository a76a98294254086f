package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.GetCustomerByEmail;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.Outcome.Detail;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.command.Repeat;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletableFuture;

/** {@code get-customer-by-email}: Fluent's {@code customers(primaryEmail:)}, the first match or NOT_FOUND. */
@Singleton
final class GetCustomerByEmailOperation implements Operation<GetCustomerByEmail> {

    @Override
    public String kind() {
        return "get-customer-by-email";
    }

    @Override
    public Class<GetCustomerByEmail> commandType() {
        return GetCustomerByEmail.class;
    }

    @Override
    public Repeat repeat() {
        return Repeat.IDEMPOTENT;
    }

    @Override
    public void validate(GetCustomerByEmail command, Checks checks) {
        checks.email("primaryEmail", command.getPrimaryEmail());
    }

    @Override
    public CompletableFuture<Succeeded> perform(GetCustomerByEmail command, Execution execution) {
        return execution.step(() -> execution.fluent().findCustomerByEmail(command.getPrimaryEmail()))
                .thenApply(customer -> customer.map(found -> Succeeded.of(Detail.FOUND, Results.customer(found)))
                        .orElseGet(Succeeded::notFound));
    }
}
