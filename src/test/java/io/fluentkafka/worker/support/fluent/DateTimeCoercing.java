package io.fluentkafka.worker.support.fluent;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Fluent's {@code DateTime} scalar: an ISO-8601 instant carried as a string, e.g. {@code 2024-05-01T10:15:30Z}. */
final class DateTimeCoercing implements Coercing<String, String> {

    @Override
    public String serialize(Object value, GraphQLContext context, Locale locale) {
        return value.toString();
    }

    @Override
    public String parseValue(Object input, GraphQLContext context, Locale locale) {
        if (input instanceof String text && isInstant(text)) {
            return text;
        }
        throw new CoercingParseValueException("Expected an ISO-8601 date-time but was: " + input);
    }

    @Override
    public String parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
        if (input instanceof StringValue text && isInstant(text.getValue())) {
            return text.getValue();
        }
        throw new CoercingParseLiteralException("Expected an ISO-8601 date-time but was: " + input);
    }

    @Override
    public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
        return StringValue.of(input.toString());
    }

    private static boolean isInstant(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
