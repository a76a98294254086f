package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.CreateCustomer;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.command.Repeat;
import io.fluentkafka.worker.fluent.CustomerDraft;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletableFuture;

/** {@code create-customer}: Fluent's {@code createCustomer}; a duplicate username finds the existing customer. */
@Singleton
final class CreateCustomerOperation implements Operation<CreateCustomer> {

    private final Attributes attributes;
    private final Duplicates duplicates;

    CreateCustomerOperation(Attributes attributes, Duplicates duplicates) {
        this.attributes = attributes;
        this.duplicates = duplicates;
    }

    @Override
    public String kind() {
        return "create-customer";
    }

    @Override
    public Class<CreateCustomer> commandType() {
        return CreateCustomer.class;
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
        return duplicates.createOrFind(execution, () -> execution.fluent().createCustomer(draft),
                () -> execution.fluent().findCustomerByUsername(draft.effectiveUsername()), Results::customer);
    }
}
