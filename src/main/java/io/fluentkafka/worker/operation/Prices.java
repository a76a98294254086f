package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.Price;
import io.fluentkafka.worker.command.Checks;

import java.util.ArrayList;
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

    /** Bounds of our own: Fluent documents none for a price list; currency as create-product's priceCurrency always had. */
    static final int MAX = 100;
    private static final int TYPE_MAX = 255;
    private static final int CURRENCY_MAX = 10;
    private static final String DEFAULT = "DEFAULT";

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
            checkValue(field + ".value", price.getValue(), checks);
            if (price.getType() != null && price.getCurrency() != null && !keys.add(List.of(price.getType(), price.getCurrency()))) {
                checks.add(field, "repeats type " + price.getType() + " and currency " + price.getCurrency()
                        + " of an earlier price; a product has one price per type and currency");
            }
        }
    }

    /**
     * create-product's deprecated shorthand for one DEFAULT price, {@code priceCurrency} + {@code priceValue} (both or
     * neither), checked under those names. The price joins {@code prices} (see {@link #withShorthand}), so
     * {@code prices} may not give a DEFAULT price in the same currency, nor a hundredth price besides it.
     */
    static void checkShorthand(String currency, Double value, List<Price> prices, Checks checks) {
        if ((currency == null) != (value == null)) {
            checks.add(currency == null ? "priceCurrency" : "priceValue", "is required when "
                    + (currency == null ? "priceValue" : "priceCurrency") + " is given");
        }
        checks.optional("priceCurrency", currency, CURRENCY_MAX);
        if (value != null) {
            checkValue("priceValue", value, checks);
        }
        if (currency == null || value == null) {
            return;
        }
        for (int i = 0; i < prices.size(); i++) {
            if (DEFAULT.equals(prices.get(i).getType()) && currency.equals(prices.get(i).getCurrency())) {
                checks.add("priceCurrency", "gives a DEFAULT price in " + currency + ", as prices[" + i + "] does; a product has one price per "
                        + "type and currency (priceCurrency and priceValue are deprecated: use prices)");
            }
        }
        if (prices.size() == MAX) {
            checks.add("prices", "has " + MAX + " entries besides the price of priceCurrency and priceValue; at most " + MAX + " are allowed");
        }
    }

    /** The shorthand's DEFAULT price, if given, then {@code prices}: what the product is created with. */
    static List<Price> withShorthand(String currency, Double value, List<Price> prices) {
        if (currency == null || value == null) {
            return prices;
        }
        List<Price> all = new ArrayList<>(prices.size() + 1);
        all.add(new Price(DEFAULT, currency, value));
        all.addAll(prices);
        return all;
    }

    private static void checkValue(String field, double value, Checks checks) {
        if (!Double.isFinite(value)) {
            checks.add(field, "must be a finite number, not " + value);
        } else if (value < 0) {
            checks.add(field, "must not be negative, got " + value);
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
