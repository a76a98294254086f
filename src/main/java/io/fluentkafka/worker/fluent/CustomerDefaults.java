package io.fluentkafka.worker.fluent;

import io.fluentkafka.worker.config.FluentConnectionConfiguration;
import io.micronaut.json.tree.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a connection fills in when a create-customer command leaves a field out; the retailer also for events.
 *
 * <p>The retailer: the command's, else the connection's {@code retailer-id}, else the primary retailer of the
 * connection's Fluent user ({@code me { primaryRetailer { id } }}), looked up through the {@link GraphQlPort} on
 * first need and cached for the connection's lifetime. Concurrent callers share one lookup; a failed lookup, or
 * a user with no primary retailer, is not cached, so the next command asks again.
 *
 * <p>The timezone: the command's (validated before it gets here), else the connection's {@code default-timezone},
 * never blank. Fluent's 2023 schema requires {@code CreateCustomerInput.timezone} and its current reference does
 * not, so the worker always sends one: that works with both.
 */
final class CustomerDefaults {

    private final String connection;
    private final String retailerId;
    private final String timezone;
    private final GraphQlPort graphQl;
    private final AtomicReference<CompletableFuture<String>> primaryRetailer = new AtomicReference<>();

    CustomerDefaults(String connection, String retailerId, String timezone, GraphQlPort graphQl) {
        this.connection = connection;
        this.retailerId = retailerId;
        this.timezone = timezone;
        this.graphQl = graphQl;
    }

    static CustomerDefaults of(FluentConnectionConfiguration connection, GraphQlPort graphQl) {
        return new CustomerDefaults(connection.name(), connection.retailerId(), connection.defaultTimezone(), graphQl);
    }

    String timezoneFor(CustomerDraft draft) {
        return timezoneOr(draft.timezone());
    }

    /** {@code given} (validated already), else the connection's default-timezone. */
    String timezoneOr(String given) {
        return given != null ? given : timezone;
    }

    CompletableFuture<String> retailerFor(CustomerDraft draft) {
        return retailerOr(draft.retailerId(), "customer");
    }

    /**
     * {@code given}, else the connection's retailer; {@code what} names the entity in the failure when there is none
     * ("no retailer for the event: ...").
     */
    CompletableFuture<String> retailerOr(String given, String what) {
        if (given != null) {
            return CompletableFuture.completedFuture(given);
        }
        if (retailerId != null) {
            return CompletableFuture.completedFuture(retailerId);
        }
        return primaryRetailer().exceptionallyCompose(failure -> {
            Throwable cause = FluentException.causeOf(failure);
            return CompletableFuture.failedFuture(cause instanceof NoRetailerException ? noRetailer(what) : cause);
        });
    }

    private CompletableFuture<String> primaryRetailer() {
        while (true) {
            CompletableFuture<String> cached = primaryRetailer.get();
            if (cached != null && !cached.isCompletedExceptionally()) {
                return cached;
            }
            CompletableFuture<String> lookup = new CompletableFuture<>();
            if (primaryRetailer.compareAndSet(cached, lookup)) {
                lookUpInto(lookup);
                return lookup;
            }
        }
    }

    private void lookUpInto(CompletableFuture<String> lookup) {
        CompletableFuture<Optional<JsonNode>> me;
        try {
            me = graphQl.optional("me", FluentDocuments.PRIMARY_RETAILER, Map.of());
        } catch (RuntimeException e) {
            me = CompletableFuture.failedFuture(e); // else the slot would keep a future that never completes
        }
        me.thenApply(user -> user.map(u -> u.get("primaryRetailer"))
                        .filter(JsonNode::isObject)
                        .map(retailer -> retailer.get("id"))
                        .filter(id -> id != null && !id.isNull())
                        .map(JsonNode::coerceStringValue)
                        .orElseThrow(NoRetailerException::new))
                .whenComplete((id, failure) -> {
                    if (failure != null) {
                        lookup.completeExceptionally(FluentException.causeOf(failure));
                    } else {
                        lookup.complete(id);
                    }
                });
    }

    private FluentRejectedException noRetailer(String what) {
        return new FluentRejectedException("no retailer for the " + what + ": the command has no retailerId, connection '" + connection
                + "' has no retailer-id, and its Fluent user has no primary retailer", List.of());
    }

    /** The user has no primary retailer; never leaves this class, whose callers say for what a retailer was needed. */
    private static final class NoRetailerException extends RuntimeException {
        NoRetailerException() {
            super(null, null, false, false);
        }
    }
}
