package io.fluentkafka.worker.support;

import java.util.Collection;
import java.util.List;

/** Guarantee 9's check: which texts contain a secret, with every secret masked so the report leaks nothing. */
public final class Secrets {

    private Secrets() {
    }

    public static List<String> leaks(Collection<String> secrets, Collection<String> texts) {
        if (secrets.stream().anyMatch(secret -> secret == null || secret.length() < 8)) {
            throw new IllegalArgumentException("secrets to search for must be at least 8 characters");
        }
        return texts.stream().filter(text -> secrets.stream().anyMatch(text::contains))
                .map(text -> secrets.stream().reduce(text, (masked, secret) -> masked.replace(secret, "<SECRET>")))
                .map(text -> text.length() > 300 ? text.substring(0, 300) + "..." : text)
                .toList();
    }
}
