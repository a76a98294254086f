package io.fluentkafka.worker.config;

import java.util.regex.Pattern;

/** Kafka's rule for topic names: 1 to 249 of {@code a-z A-Z 0-9 . _ -}, and neither {@code .} nor {@code ..}. */
public final class TopicNames {

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private TopicNames() {
    }

    public static boolean isLegal(String name) {
        return name != null && LEGAL.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }
}
