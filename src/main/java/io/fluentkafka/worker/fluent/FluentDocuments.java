package io.fluentkafka.worker.fluent;

/**
 * The GraphQL documents of this package: look-ups and the health probe, which nobody can replace. A kind's own documents,
 * which {@code worker.operations.<kind>.document} may replace, live with its operation. Names and shapes follow
 * ../shared/docs/fluent-api.md §4.
 */
final class FluentDocuments {

    static final String CUSTOMER_FIELDS = "id ref username primaryEmail firstName lastName status retailer { id }";

    static final String CUSTOMERS_BY_USERNAME = "query CustomersByUsername($username: [String]) "
            + "{ customers(username: $username, first: 1) { edges { node { " + CUSTOMER_FIELDS + " } } } }";

    /** The health probe's document. */
    static final String ME = "query Me { me { id ref username primaryEmail firstName lastName type status "
            + "primaryRetailer { id } } }";

    /** The fallback retailer of a customer: the primary retailer of the connection's own user. */
    static final String PRIMARY_RETAILER = "query PrimaryRetailer { me { primaryRetailer { id } } }";

    private FluentDocuments() {
    }
}
