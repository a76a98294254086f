package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.UpdateCustomer;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.Outcome.Detail;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.command.Repeat;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code update-customer}: Fluent's {@code updateCustomer} on the customer with the command's username, sending only
 * the fields the command sets. UPDATED with the customer as Fluent returns it. An unknown username is Fluent's
 * not-found error (C0120E): the command fails FLUENT_REJECTED with it. A repeat sets the same values again.
 */
@Singleton
final class UpdateCustomerOperation implements Operation<UpdateCustomer> {

    private final Attributes attributes;
    private final CustomerUpdates updates;

    UpdateCustomerOperation(Attributes attributes, CustomerUpdates updates) {
        this.attributes = attributes;
        this.updates = updates;
    }

    @Override
    public String kind() {
        return CustomerUpdates.UPDATE_KIND;
    }

    @Override
    public Class<UpdateCustomer> commandType() {
        return UpdateCustomer.class;
    }

    @Override
    public Map<String, String> documents() {
        return Map.of("updateCustomer", CustomerUpdates.UPDATE_CUSTOMER);
    }

    @Override
    public Repeat repeat() {
        return Repeat.IDEMPOTENT;
    }

    /** Fluent's {@code UpdateCustomerInput} limits (fluent-api.md §4.3); a field the command leaves null is not checked. */
    @Override
    public void validate(UpdateCustomer command, Checks checks) {
        checks.required("username", command.getUsername(), 250); // the customer to change: it must be named
        checks.optionalEmail("primaryEmail", command.getPrimaryEmail());
        CustomerFields.check(checks, "", false, null, command.getTitle(), command.getFirstName(), command.getLastName(),
                command.getPrimaryPhone(), command.getCountry(), command.getTimezone());
        attributes.check(command.getAttributes(), checks);
    }

    @Override
    public CompletableFuture<Succeeded> perform(UpdateCustomer command, Execution execution) {
        Map<String, Object> variables = variables(command);
        return execution.step(() -> updates.update(execution, variables)).thenApply(customer -> customer.as(Detail.UPDATED));
    }

    /** The variables of {@link CustomerUpdates#UPDATE_CUSTOMER}; package-private for the conformance test. */
    Map<String, Object> variables(UpdateCustomer command) {
        return updates.variables(new CustomerUpdates.Changes(command.getUsername(), command.getTitle(), command.getCountry(),
                command.getFirstName(), command.getLastName(), command.getPrimaryEmail(), command.getPrimaryPhone(),
                command.getTimezone(), command.getPromotionOptIn(), command.getAttributes()));
    }
}
