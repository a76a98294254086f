package io.fluentkafka.worker.support.fluent;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user and retailer behind a {@link SimulatorAccount}, as the token response and GraphQL {@code me}
 * show them. The names and ids are fixed: Fluent's own values are account data, not API behaviour.
 */
final class AccountProfile {

    static final String USER_ID = "5";
    static final String FIRST_NAME = "Acme";
    static final String LAST_NAME = "Worker";
    static final List<String> ROLES = List.of("ADMIN");
    static final String RETAILER_REF = "acme";
    private static final String CREATED_ON = "2024-01-01T00:00:00Z";

    private final SimulatorAccount account;
    private volatile boolean hasPrimaryRetailer = true;
    private volatile boolean tradingNameDenied;

    AccountProfile(SimulatorAccount account) {
        this.account = account;
    }

    /** Whether {@code me.primaryRetailer} is the account's retailer (the default) or null. */
    void hasPrimaryRetailer(boolean on) {
        hasPrimaryRetailer = on;
    }

    /** Whether {@code Retailer.tradingName} answers null with error C0020E, wherever it is selected. */
    void denyTradingName(boolean denied) {
        tradingNameDenied = denied;
    }

    /**
     * {@code Retailer.tradingName} of the retailer being resolved; while denied, null next to a missing-permission error
     * at the field's path, so the object around it stays: partial data, as Fluent answers for a field it will not show.
     */
    DataFetcherResult<Object> tradingName(DataFetchingEnvironment environment) {
        if (tradingNameDenied) {
            return FluentError.missingPermission("RETAILER_VIEW").toResult(environment);
        }
        Map<?, ?> retailer = environment.getSource();
        return DataFetcherResult.newResult().data(retailer.get("tradingName")).build();
    }

    SimulatorAccount account() {
        return account;
    }

    /** {@code Retailer_id} is a JSON number in Fluent's token response; a non-numeric id stays a string. */
    Object retailerIdForToken() {
        try {
            return Long.parseLong(account.retailerId());
        } catch (NumberFormatException e) {
            return account.retailerId();
        }
    }

    /** The GraphQL {@code Retailer} of the account. */
    Map<String, Object> retailer() {
        Map<String, Object> retailer = new LinkedHashMap<>();
        retailer.put("id", account.retailerId());
        retailer.put("ref", RETAILER_REF);
        retailer.put("status", "ACTIVE");
        retailer.put("tradingName", "Acme");
        retailer.put("primaryEmail", account.username());
        return ReadOnly.map(retailer);
    }

    /** The GraphQL {@code User} answered by {@code me}. */
    Map<String, Object> user() {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", USER_ID);
        user.put("ref", account.username());
        user.put("username", account.username());
        user.put("firstName", FIRST_NAME);
        user.put("lastName", LAST_NAME);
        user.put("primaryEmail", account.username());
        user.put("type", "RETAILER");
        user.put("status", "ACTIVE");
        user.put("timezone", "UTC");
        user.put("promotionOptIn", false);
        user.put("primaryRetailer", hasPrimaryRetailer ? retailer() : null);
        user.put("attributes", List.of());
        user.put("createdOn", CREATED_ON);
        user.put("updatedOn", CREATED_ON);
        return ReadOnly.map(user);
    }
}
