package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.command.Checks;

/**
 * Fluent's limits on a customer's text fields, which {@code CreateCustomerInput} and {@code UpdateCustomerInput} share
 * (fluent-api.md §4.3): the one place every customer kind checks them. A null field passes, unless it is required.
 */
final class CustomerFields {

    private CustomerFields() {
    }

    /** {@code prefix} names the record holding the fields, e.g. {@code "customer."}, or is empty. */
    static void check(Checks checks, String prefix, boolean firstNameRequired, String username, String title, String firstName,
                      String lastName, String primaryPhone, String country, String timezone) {
        checks.optional(prefix + "username", username, 250);
        checks.optional(prefix + "title", title, 50);
        if (firstNameRequired) {
            checks.required(prefix + "firstName", firstName, 50);
        } else {
            checks.optional(prefix + "firstName", firstName, 50);
        }
        checks.optional(prefix + "lastName", lastName, 50);
        checks.optional(prefix + "primaryPhone", primaryPhone, 20);
        checks.optional(prefix + "country", country, 100);
        checks.optional(prefix + "timezone", timezone, 32);
    }
}
