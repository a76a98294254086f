package io.fluentkafka.worker.inventory;

import io.fluentkafka.worker.fluent.FluentClient;

import java.util.regex.Pattern;

/**
 * Where a position goes: positions with equal destinations share batches. {@code fluent} is the connection's client,
 * one instance per connection, compared by identity; {@code retailerId} is resolved (never null) and, when it is
 * digits only, kept in its canonical form: "0042" and "42" are the same retailer, so they share a job and batches.
 */
public record Destination(FluentClient fluent, String retailerId, String catalogueRef) {

    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

    public Destination {
        retailerId = canonicalRetailer(retailerId);
    }

    /** A destination whose catalogue defaults to Fluent's {@code DEFAULT:<retailerId>}, of the canonical retailer id. */
    public static Destination of(FluentClient fluent, String retailerId, String catalogueRef) {
        String retailer = canonicalRetailer(retailerId);
        return new Destination(fluent, retailer, catalogueRef != null ? catalogueRef : "DEFAULT:" + retailer);
    }

    /** Digits (at most 18, as the command checks allow) without leading zeros; anything else as given. */
    static String canonicalRetailer(String retailerId) {
        return numeric(retailerId) ? Long.toString(Long.parseLong(retailerId)) : retailerId;
    }

    /** Whether the retailer id is a number Fluent's batch entity takes as one. */
    static boolean numeric(String retailerId) {
        return retailerId != null && DIGITS.matcher(retailerId).matches();
    }
}
