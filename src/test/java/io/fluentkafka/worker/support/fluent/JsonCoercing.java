package io.fluentkafka.worker.support.fluent;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fluent's {@code Json} scalar: any JSON value (string, number, boolean, object, array) passes through.
 * Literals are parsed recursively, with variables resolved inside objects and arrays; integers become
 * {@code Integer} or {@code Long} when they fit and floats become {@code Double}, as Jackson reads variables.
 */
final class JsonCoercing implements Coercing<Object, Object> {

    @Override
    public Object serialize(Object value, GraphQLContext context, Locale locale) {
        return value;
    }

    @Override
    public Object parseValue(Object input, GraphQLContext context, Locale locale) {
        return input;
    }

    @Override
    public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
        return literal(input, variables);
    }

    @Override
    public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
        return toLiteral(input);
    }

    private static Object literal(Value<?> value, CoercedVariables variables) {
        if (value instanceof StringValue string) {
            return string.getValue();
        }
        if (value instanceof IntValue integer) {
            return narrow(integer.getValue());
        }
        if (value instanceof FloatValue decimal) {
            return decimal.getValue().doubleValue();
        }
        if (value instanceof BooleanValue bool) {
            return bool.isValue();
        }
        if (value instanceof EnumValue enumValue) {
            return enumValue.getName();
        }
        if (value instanceof NullValue) {
            return null;
        }
        if (value instanceof VariableReference reference) {
            return variables.get(reference.getName());
        }
        if (value instanceof ArrayValue array) {
            List<Object> items = new ArrayList<>();
            array.getValues().forEach(item -> items.add(literal(item, variables)));
            return items;
        }
        if (value instanceof ObjectValue object) {
            Map<String, Object> fields = new LinkedHashMap<>();
            object.getObjectFields().forEach(field -> fields.put(field.getName(), literal(field.getValue(), variables)));
            return fields;
        }
        throw new CoercingParseLiteralException("Not a JSON value: " + value);
    }

    private static Object narrow(BigInteger value) {
        if (value.bitLength() < Integer.SIZE) {
            return value.intValue();
        }
        return value.bitLength() < Long.SIZE ? value.longValue() : value;
    }

    private static Value<?> toLiteral(Object input) {
        if (input == null) {
            return NullValue.of();
        }
        if (input instanceof String string) {
            return StringValue.of(string);
        }
        if (input instanceof Boolean bool) {
            return BooleanValue.of(bool);
        }
        if (input instanceof Integer || input instanceof Long || input instanceof BigInteger) {
            return new IntValue(new BigInteger(input.toString()));
        }
        if (input instanceof Number number) {
            return new FloatValue(new BigDecimal(number.toString()));
        }
        if (input instanceof List<?> list) {
            return ArrayValue.newArrayValue().values(list.stream().<Value>map(JsonCoercing::toLiteral).toList()).build();
        }
        if (input instanceof Map<?, ?> map) {
            List<ObjectField> fields = new ArrayList<>();
            map.forEach((key, item) -> fields.add(new ObjectField(String.valueOf(key), toLiteral(item))));
            return ObjectValue.newObjectValue().objectFields(fields).build();
        }
        return StringValue.of(input.toString());
    }
}
