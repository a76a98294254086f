package io.fluentkafka.worker.fluent;

/** The GraphQL documents the worker sends. Names and shapes follow ../shared/docs/fluent-api.md §4. */
final class FluentDocuments {

    static final String CUSTOMER_FIELDS = "id ref username primaryEmail firstName lastName status retailer { id }";

    static final String CREATE_CUSTOMER = "mutation CreateCustomer($input: CreateCustomerInput) "
            + "{ createCustomer(input: $input) { " + CUSTOMER_FIELDS + " } }";

    static final String CUSTOMERS_BY_EMAIL = "query CustomersByEmail($primaryEmail: [String]) "
            + "{ customers(primaryEmail: $primaryEmail, first: 1) { edges { node { " + CUSTOMER_FIELDS + " } } } }";

    static final String CUSTOMERS_BY_USERNAME = "query CustomersByUsername($username: [String]) "
            + "{ customers(username: $username, first: 1) { edges { node { " + CUSTOMER_FIELDS + " } } } }";

    static final String ME = "query Me { me { id ref username primaryEmail firstName lastName type status "
            + "primaryRetailer { id } } }";

    /** The fallback retailer of a customer: the primary retailer of the connection's own user. */
    static final String PRIMARY_RETAILER = "query PrimaryRetailer { me { primaryRetailer { id } } }";

    private FluentDocuments() {
    }
}
