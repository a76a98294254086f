package io.fluentkafka.worker.support;

import io.fluentkafka.worker.avro.CreateCustomer;
import io.fluentkafka.worker.avro.CreateProduct;
import io.fluentkafka.worker.avro.GetCurrentUser;
import io.fluentkafka.worker.avro.GetCustomerByEmail;
import io.fluentkafka.worker.avro.GraphQlRequest;
import org.apache.avro.specific.SpecificRecordBase;

import java.util.List;

/**
 * Commands for load and fault tests: the n-th command of a run, cycling through the five kinds, valid for the
 * Fluent simulator's default account. Keys repeat every {@code distinctKeys} commands so that same-key ordering
 * is exercised too. Every command id is {@code <run>-<n>}.
 */
public final class CommandMix {

    /** A command and where it goes: {@code command} is the topic's command name, e.g. {@code create-customer}. */
    public record Sent(String commandId, String command, String key, SpecificRecordBase record) {
    }

    /** The command names, in the order {@link #valid(String, int, int)} cycles through them. */
    public static final List<String> KINDS = List.of("create-customer", "create-product", "graphql-request", "get-current-user",
            "get-customer-by-email");

    private CommandMix() {
    }

    public static String commandId(String run, int n) {
        return run + "-" + n;
    }

    public static Sent valid(String run, int n, int distinctKeys) {
        return valid(run, n, distinctKeys, n % KINDS.size());
    }

    /** As {@link #valid(String, int, int)}, but always of one kind: its index in {@link #KINDS}. */
    public static Sent valid(String run, int n, int distinctKeys, int kind) {
        String id = commandId(run, n);
        String key = run + "-key-" + (n % distinctKeys);
        return switch (kind) {
            case 0 -> new Sent(id, "create-customer", key, CreateCustomer.newBuilder().setCommandId(id)
                    .setPrimaryEmail(run + "-" + n + "@example.test").setFirstName("Ann").setLastName("Lee").build());
            case 1 -> new Sent(id, "create-product", key, CreateProduct.newBuilder().setCommandId(id)
                    .setCatalogueRef("PC:MASTER:1").setRef(run + "-SKU-" + n).setName("Shirt " + n)
                    .setGtin("0123456789012").setPriceCurrency("AUD").setPriceValue(19.95).build());
            case 2 -> new Sent(id, "graphql-request", key, GraphQlRequest.newBuilder().setCommandId(id)
                    .setQuery("query Find($emails: [String]) { customers(primaryEmail: $emails) { edges { node { id } } } }")
                    .setVariables("{\"emails\":[\"" + run + "-" + (n - 2) + "@example.test\"]}").setOperationName("Find").build());
            case 3 -> new Sent(id, "get-current-user", key, GetCurrentUser.newBuilder().setCommandId(id).build());
            default -> new Sent(id, "get-customer-by-email", key, GetCustomerByEmail.newBuilder().setCommandId(id)
                    .setPrimaryEmail(run + "-" + (n - 4) + "@example.test").build());
        };
    }

    /** A create-customer command that fails validation (its email has no domain). */
    public static Sent invalid(String run, int n) {
        String id = commandId(run, n);
        return new Sent(id, "create-customer", run + "-bad-" + n, CreateCustomer.newBuilder().setCommandId(id)
                .setPrimaryEmail("not-an-email-" + n).setFirstName("Bad").build());
    }
}
