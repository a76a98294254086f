package io.fluentkafka.worker.fluent;

import java.util.List;
import java.util.regex.Pattern;

/** Fluent definitively refused the request (GraphQL errors, 4xx): retrying the same request will not help. */
public final class FluentRejectedException extends FluentException {

    private final List<FluentError> errors;

    FluentRejectedException(String message, List<FluentError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    /**
     * A refusal the worker decides on Fluent's answer rather than Fluent's error, e.g. a lookup that found nothing an
     * operation needs: final like any other, with no Fluent errors to report.
     */
    public static FluentRejectedException of(String message) {
        return new FluentRejectedException(message, List.of());
    }

    public List<FluentError> errors() {
        return errors;
    }

    /**
     * True when any error carries one of the codes, or has no code and a message that {@code wholeMessage} matches
     * as a whole (null: codes only). Never a partial match: Fluent's messages quote user data.
     */
    public boolean anyMatches(List<String> codes, Pattern wholeMessage) {
        return errors.stream().anyMatch(e -> e.code() != null ? codes.contains(e.code())
                : wholeMessage != null && wholeMessage.matcher(e.message()).matches());
    }
}
