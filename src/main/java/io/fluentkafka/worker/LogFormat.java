package io.fluentkafka.worker;

import java.util.Optional;
import java.util.Set;

/**
 * {@code LOG_FORMAT}, which logback.xml uses as the name of its appender: {@code text} (the default) or {@code json}.
 * Any other value would name no appender and the worker would log nothing, so it is refused before startup. Read as
 * logback reads it: a system property first, then the environment.
 */
final class LogFormat {

    static final Set<String> FORMATS = Set.of("text", "json");

    private LogFormat() {
    }

    /** Why {@code value} cannot be used, or empty when it can (null and empty mean the default). */
    static Optional<String> problem(String value) {
        if (value == null || value.isEmpty() || FORMATS.contains(value)) {
            return Optional.empty();
        }
        return Optional.of("LOG_FORMAT must be text or json (lower case), got '" + value
                + "'; with any other value the worker would log nothing");
    }

    static String configured() {
        String property = System.getProperty("LOG_FORMAT");
        return property != null ? property : System.getenv("LOG_FORMAT");
    }
}
