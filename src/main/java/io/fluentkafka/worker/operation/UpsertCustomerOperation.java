package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.UpsertCustomer;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.command.Repeat;
import io.fluentkafka.worker.fluent.CustomerDraft;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code upsert-customer}: step one is Fluent's {@code createCustomer}, as create-customer does it (username defaults to
 * primaryEmail; retailer and timezone to the connection's). When Fluent refuses it as a duplicate (by code,
 * {@code fluent.duplicate-*}), step two is {@code updateCustomer} of that username with the command's values. CREATED
 * or UPDATED, with the customer. The update sends only what the command sets: a null timezone or promotionOptIn
 * leaves the customer's as it is (a create would default them), and an update never moves a customer to another
 * retailer. A repeat finds the customer it created and updates it to the same values.
 */
@Singleton
final class UpsertCustomerOperation implements Operation<UpsertCustomer> {

    private final Attributes attributes;
    private final Duplicates duplicates;
    private final CustomerUpdates updates;
    private final Answers answers;

    UpsertCustomerOperation(Attributes attributes, Duplicates duplicates, CustomerUpdates updates, Answers answers) {
        this.attributes = attributes;
        this.duplicates = duplicates;
        this.updates = updates;
        this.answers = answers;
    }

    @Override
    public String kind() {
        return "upsert-customer";
    }

    @Override
    public Class<UpsertCustomer> commandType() {
        return UpsertCustomer.class;
    }

    @Override
    public Repeat repeat() {
        return Repeat.UPDATE_AFTER_DUPLICATE;
    }

    /** create-customer's checks: Fluent's {@code CreateCustomerInput} and {@code UpdateCustomerInput} share their limits. */
    @Override
    public void validate(UpsertCustomer command, Checks checks) {
        checks.optionalId("retailerId", command.getRetailerId());
        checks.email("primaryEmail", command.getPrimaryEmail());
        CustomerFields.check(checks, "", true, command.getUsername(), null, command.getFirstName(), command.getLastName(),
                command.getPrimaryPhone(), command.getCountry(), command.getTimezone());
        attributes.check(command.getAttributes(), checks);
    }

    @Override
    public CompletableFuture<Succeeded> perform(UpsertCustomer command, Execution execution) {
        CustomerDraft draft = new CustomerDraft(command.getRetailerId(), command.getUsername(), command.getPrimaryEmail(),
                command.getFirstName(), command.getLastName(), command.getPrimaryPhone(), command.getCountry(), command.getTimezone(),
                Boolean.TRUE.equals(command.getPromotionOptIn()), Attributes.inputs(command.getAttributes()));
        return duplicates.createOrUpdate(execution, () -> CreateCustomerOperation.create(answers, execution, draft),
                () -> execution.fluent().retailerOr(command.getRetailerId(), "customer").thenCompose(retailer ->
                        updates.updateOwn(execution, retailer, username(command), variables(command))));
    }

    /** The variables of the update step ({@link CustomerUpdates#UPDATE_CUSTOMER}); package-private for the conformance test. */
    Map<String, Object> variables(UpsertCustomer command) {
        String username = username(command);
        return updates.variables(new CustomerUpdates.Changes(username, null, command.getCountry(), command.getFirstName(),
                command.getLastName(), command.getPrimaryEmail(), command.getPrimaryPhone(), command.getTimezone(),
                command.getPromotionOptIn(), command.getAttributes()));
    }

    private static String username(UpsertCustomer command) {
        return command.getUsername() == null ? command.getPrimaryEmail() : command.getUsername();
    }
}
