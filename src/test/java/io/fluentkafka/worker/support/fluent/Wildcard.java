package io.fluentkafka.worker.support.fluent;

import java.util.regex.Pattern;

/**
 * Fluent's search patterns (fluent-api.md §4.1): {@code %} matches any run of characters, as in SQL LIKE;
 * everything else, {@code _} included, matches itself, case-sensitively.
 */
final class Wildcard {

    private Wildcard() {
    }

    static boolean matches(String pattern, String value) {
        if (pattern == null) {
            return false;
        }
        if (pattern.indexOf('%') < 0) {
            return pattern.equals(value);
        }
        String[] literals = pattern.split("%", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < literals.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            if (!literals[i].isEmpty()) {
                regex.append(Pattern.quote(literals[i]));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
    }
}
