package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.Price;
import io.fluentkafka.worker.command.Checks;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's product prices (Fluent's {@code [PriceInput]}): their checks, and their translation. (type, currency) is
 * the key Fluent upserts a price by, so a command may name each key once: two values for one key would leave the
 * product's price to whichever Fluent applied last.
 */
final class Prices {

    /** Bounds of our own: Fluent documents none for a price list; currency as create-product's priceCurrency. */
    static final int MAX = 100;
    private static final int TYPE_MAX = 255;
    private static final int CURRENCY_MAX = 10;

    private Prices() {
    }

    static void check(List<Price> prices, Checks checks) {
        if (prices.size() > MAX) {
            checks.add("prices", "has " + prices.size() + " entries; at most " + MAX + " are allowed");
            return;
        }
        Set<List<String>> keys = new HashSet<>();
        for (int i = 0; i < prices.size(); i++) {
            Price price = prices.get(i);
            String field = "prices[" + i + "]";
            checks.required(field + ".type", price.getType(), TYPE_MAX);
            checks.required(field + ".currency", price.getCurrency(), CURRENCY_MAX);
            double value = price.getValue();
            if (!Double.isFinite(value)) {
                checks.add(field + ".value", "must be a finite number, not " + value);
            } else if (value < 0) {
                checks.add(field + ".value", "must not be negative, got " + value);
            }
            if (price.getType() != null && price.getCurrency() != null && !keys.add(List.of(price.getType(), price.getCurrency()))) {
                checks.add(field, "repeats type " + price.getType() + " and currency " + price.getCurrency()
                        + " of an earlier price; a product has one price per type and currency");
            }
        }
    }

    /** Fluent's {@code [PriceInput]} as GraphQL variables; only for prices that passed {@link #check}. */
    static List<Map<String, Object>> variables(List<Price> prices) {
        return prices.stream().map(price -> {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("type", price.getType());
            input.put("currency", price.getCurrency());
            input.put("value", price.getValue());
            return input;
        }).toList();
    }
}
