package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.CreateCustomer;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Document;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.command.Repeat;
import io.fluentkafka.worker.fluent.CustomerDraft;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code create-customer}: Fluent's {@code createCustomer}; a duplicate username finds the existing customer. */
@Singleton
final class CreateCustomerOperation implements Operation<CreateCustomer> {

    static final String KIND = "create-customer";
    static final String CREATE_CUSTOMER = "mutation CreateCustomer($input: CreateCustomerInput) "
            + "{ createCustomer(input: $input) { " + CustomerUpdates.FIELDS + " } }";

    private final Attributes attributes;
    private final Duplicates duplicates;
    private final Answers answers;

    CreateCustomerOperation(Attributes attributes, Duplicates duplicates, Answers answers) {
        this.attributes = attributes;
        this.duplicates = duplicates;
        this.answers = answers;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Class<CreateCustomer> commandType() {
        return CreateCustomer.class;
    }

    @Override
    public Map<String, String> documents() {
        return Map.of("createCustomer", CREATE_CUSTOMER);
    }

    @Override
    public Repeat repeat() {
        return Repeat.LOOKUP_AFTER_DUPLICATE;
    }

    @Override
    public void validate(CreateCustomer command, Checks checks) {
        checks.optionalId("retailerId", command.getRetailerId());
        checks.email("primaryEmail", command.getPrimaryEmail());
        CustomerFields.check(checks, "", true, command.getUsername(), null, command.getFirstName(), command.getLastName(),
                command.getPrimaryPhone(), command.getCountry(), command.getTimezone());
        attributes.check(command.getAttributes(), checks);
    }

    @Override
    public CompletableFuture<Succeeded> perform(CreateCustomer command, Execution execution) {
        CustomerDraft draft = new CustomerDraft(command.getRetailerId(), command.getUsername(), command.getPrimaryEmail(),
                command.getFirstName(), command.getLastName(), command.getPrimaryPhone(), command.getCountry(), command.getTimezone(),
                command.getPromotionOptIn(), Attributes.inputs(command.getAttributes()));
        return duplicates.createOrFind(execution, () -> create(answers, execution, draft), () -> execution.fluent()
                .findCustomerByUsername(draft.effectiveUsername()).thenApply(found -> found.map(c -> Answer.of(Results.customer(c)))));
    }

    /** One {@code createCustomer} call with create-customer's document, for create- and upsert-customer (run it as a step). */
    static CompletableFuture<Answer> create(Answers answers, Execution execution, CustomerDraft draft) {
        Document document = execution.document(KIND, "createCustomer");
        return execution.fluent().createCustomer(draft, document.text()).thenApply(created -> answers.of(document, created, Results::customer));
    }
}
