package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.GetCustomerByEmail;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Document;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.Outcome.Detail;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.command.Repeat;
import io.fluentkafka.worker.fluent.GraphQlPort;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code get-customer-by-email}: Fluent's {@code customers(primaryEmail:)}, the first match or NOT_FOUND. */
@Singleton
final class GetCustomerByEmailOperation implements Operation<GetCustomerByEmail> {

    static final String CUSTOMERS_BY_EMAIL = "query CustomersByEmail($primaryEmail: [String]) "
            + "{ customers(primaryEmail: $primaryEmail, first: 1) { edges { node { " + CustomerUpdates.FIELDS + " } } } }";

    private final Answers answers;

    GetCustomerByEmailOperation(Answers answers) {
        this.answers = answers;
    }

    @Override
    public String kind() {
        return "get-customer-by-email";
    }

    @Override
    public Class<GetCustomerByEmail> commandType() {
        return GetCustomerByEmail.class;
    }

    @Override
    public Map<String, String> documents() {
        return Map.of("customers", CUSTOMERS_BY_EMAIL);
    }

    @Override
    public Repeat repeat() {
        return Repeat.IDEMPOTENT;
    }

    @Override
    public void validate(GetCustomerByEmail command, Checks checks) {
        checks.email("primaryEmail", command.getPrimaryEmail());
    }

    /** The reply's {@code fluentData}, when this document is replaced, is the whole {@code customers} connection. */
    @Override
    public CompletableFuture<Succeeded> perform(GetCustomerByEmail command, Execution execution) {
        Document document = execution.document(kind(), "customers");
        return execution.step(() -> answers.optional(execution.fluent(), document, variables(command)))
                .thenApply(connection -> connection.flatMap(customers -> GraphQlPort.firstNode(customers.value())
                                .map(found -> new Succeeded(Detail.FOUND, Results.customer(found), answers.errors(document, customers),
                                        answers.fluentData(document, customers.value()))))
                        .orElseGet(Succeeded::notFound));
    }

    /** The variables of {@link #CUSTOMERS_BY_EMAIL}; package-private for the conformance test. */
    static Map<String, Object> variables(GetCustomerByEmail command) {
        return Map.of("primaryEmail", List.of(command.getPrimaryEmail()));
    }
}
