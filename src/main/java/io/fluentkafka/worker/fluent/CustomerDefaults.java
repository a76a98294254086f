package io.fluentkafka.worker.fluent;

import io.fluentkafka.worker.config.FluentConnectionConfiguration;

/**
 * What a connection fills in when a create-customer command leaves a field out.
 *
 * @param retailerId the connection's {@code retailer-id}, or null: then the token's {@code Retailer_id}
 * @param timezone   the connection's {@code default-timezone}, never blank. Fluent's 2023 schema requires
 *                   {@code CreateCustomerInput.timezone} and its current reference does not, so the worker always
 *                   sends one: that works with both
 */
record CustomerDefaults(String retailerId, String timezone) {

    static CustomerDefaults of(FluentConnectionConfiguration connection) {
        return new CustomerDefaults(connection.retailerId(), connection.defaultTimezone());
    }

    /** The command's timezone (validated before it gets here), else the connection's default. */
    String timezoneFor(CustomerDraft draft) {
        return draft.timezone() != null ? draft.timezone() : timezone;
    }
}
