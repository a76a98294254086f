package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.Attribute;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.fluent.FluentRejectedException;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Fluent's {@code updateCustomer}, for update-customer and upsert-customer: its document (every value a variable),
 * the input made of a command's values, and the call. The input holds the username (the key, never changed) and only
 * the fields the command sets: a field left out stays as it is in Fluent, and attributes are upserted by name.
 */
@Singleton
final class CustomerUpdates {

    /** The customer fields every customer reply selects: those of create-customer's {@code createCustomer}. */
    /** The kind whose document {@link #update} sends. */
    static final String UPDATE_KIND = "update-customer";
    static final String FIELDS = "id ref username primaryEmail firstName lastName status retailer { id }";
    static final String CUSTOMER_RETAILER = "query CustomerRetailer($ref: String!) { customer(ref: $ref) { id retailer { id } } }";
    static final String UPDATE_CUSTOMER = "mutation UpdateCustomer($input: UpdateCustomerInput) "
            + "{ updateCustomer(input: $input) { " + FIELDS + " } }";

    /** Values of Fluent's {@code UpdateCustomerInput}, checked already; a null one is left out (unchanged in Fluent). */
    record Changes(String username, String title, String country, String firstName, String lastName, String primaryEmail,
                   String primaryPhone, String timezone, Boolean promotionOptIn, List<Attribute> attributes) {
    }

    private final Attributes attributes;
    private final Answers answers;

    CustomerUpdates(Attributes attributes, Answers answers) {
        this.attributes = attributes;
        this.answers = answers;
    }

    /** The variables of {@link #UPDATE_CUSTOMER}: {@code {"input": {...}}} without a null anywhere. */
    Map<String, Object> variables(Changes changes) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("username", changes.username());
        putIfSet(input, "title", changes.title());
        putIfSet(input, "country", changes.country());
        putIfSet(input, "firstName", changes.firstName());
        putIfSet(input, "lastName", changes.lastName());
        putIfSet(input, "primaryEmail", changes.primaryEmail());
        putIfSet(input, "primaryPhone", changes.primaryPhone());
        putIfSet(input, "timezone", changes.timezone());
        putIfSet(input, "promotionOptIn", changes.promotionOptIn());
        if (!changes.attributes().isEmpty()) {
            input.put("attributes", attributes.variables(changes.attributes()));
        }
        return Map.of("input", input);
    }

    /**
     * One {@code updateCustomer} call with update-customer's document (run it as a step). An unknown username fails with
     * Fluent's not-found error ({@code FluentRejectedException} carrying C0120E): final, so the command fails FLUENT_REJECTED.
     */
    CompletableFuture<Answer> update(Execution execution, Map<String, Object> variables) {
        return answers.single(execution.fluent(), execution.document(UPDATE_KIND, "updateCustomer"), variables, Results::customer);
    }

    /**
     * The update, only if the customer of {@code username} ({@code customer(ref:)}, an exact match) belongs to
     * {@code retailerId}: a username taken by another retailer's customer fails FLUENT_REJECTED, and nothing is changed.
     */
    CompletableFuture<Answer> updateOwn(Execution execution, String retailerId, String username, Map<String, Object> variables) {
        return execution.fluent().graphQl().optional("customer", CUSTOMER_RETAILER, Map.of("ref", username)).thenCompose(found -> {
            String owner = found.map(customer -> customer.get("retailer")).filter(retailer -> retailer != null && !retailer.isNull())
                    .map(retailer -> retailer.get("id").coerceStringValue()).orElse(null);
            if (!retailerId.equals(owner)) {
                throw FluentRejectedException.of("username '" + Checks.preview(username) + "' is taken by a customer of another retailer"
                        + " (or none answers to it): not updated");
            }
            return update(execution, variables);
        });
    }

    private static void putIfSet(Map<String, Object> input, String field, Object value) {
        if (value != null) {
            input.put(field, value);
        }
    }
}
