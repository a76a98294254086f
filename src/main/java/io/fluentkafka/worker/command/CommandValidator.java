package io.fluentkafka.worker.command;

import io.fluentkafka.worker.fluent.AttributeInput;
import io.fluentkafka.worker.fluent.CustomerDraft;
import io.fluentkafka.worker.fluent.ProductDraft;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a command before anything is sent to Fluent. Limits follow Fluent's input definitions
 * (fluent-api.md §4.3, §4.4, §5) so that a command Fluent would refuse is refused here, naming the field.
 */
@Singleton
final class CommandValidator {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern GRAPHQL_NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]*");
    private static final int ID_MAX = 255;
    private static final int TEXT_MAX = 255;
    /**
     * Fluent refuses requests over 2 MB (HTTP 413). The document and the variables may each take this many UTF-8
     * bytes, so that both together, JSON-escaped, stay inside it.
     */
    static final int GRAPHQL_MAX_BYTES = 900_000;
    /** Fluent's ids are numbers; more digits than a long holds cannot be one. */
    private static final int RETAILER_ID_MAX_DIGITS = 18;
    /** Bounds of our own (Fluent documents none): enough for any real entity, small enough to bound a request. */
    static final int ATTRIBUTES_MAX = 100;
    static final int ATTRIBUTE_VALUE_MAX = 65_536;

    private final JsonMapper json;

    CommandValidator(JsonMapper json) {
        this.json = json;
    }

    List<Violation> validate(Command command) {
        Checks checks = new Checks();
        CommandMetadata metadata = command.metadata();
        checks.required("commandId", metadata.commandId(), ID_MAX);
        checks.optional("correlationId", metadata.correlationId(), ID_MAX);
        checks.optional("connection", metadata.connection(), ID_MAX);
        if (command instanceof Command.CreateCustomer c) {
            customer(checks, c.customer());
        } else if (command instanceof Command.CreateProduct c) {
            product(checks, c.product());
        } else if (command instanceof Command.GraphQlRequest c) {
            graphQl(checks, c);
        } else if (command instanceof Command.GetCustomerByEmail c) {
            checks.email("primaryEmail", c.primaryEmail());
        }
        return checks.violations;
    }

    private void customer(Checks checks, CustomerDraft customer) {
        if (customer.retailerId() != null && !DIGITS.matcher(customer.retailerId()).matches()) {
            checks.add("retailerId", "must be a number (digits only), got '" + Checks.preview(customer.retailerId()) + "'");
        } else if (customer.retailerId() != null && customer.retailerId().length() > RETAILER_ID_MAX_DIGITS) {
            checks.add("retailerId", "has " + customer.retailerId().length() + " digits; at most " + RETAILER_ID_MAX_DIGITS + " are allowed");
        }
        checks.email("primaryEmail", customer.primaryEmail());
        checks.required("firstName", customer.firstName(), 50);
        checks.optional("lastName", customer.lastName(), 50);
        checks.optional("primaryPhone", customer.primaryPhone(), 20);
        checks.optional("country", customer.country(), 100);
        checks.optional("timezone", customer.timezone(), 32);
        checks.optional("username", customer.username(), 250);
        attributes(checks, customer.attributes());
    }

    private void product(Checks checks, ProductDraft product) {
        checks.required("catalogueRef", product.catalogueRef(), TEXT_MAX);
        checks.required("ref", product.ref(), 100);
        checks.required("type", product.type(), 50);
        checks.required("name", product.name(), TEXT_MAX);
        checks.optional("summary", product.summary(), TEXT_MAX);
        checks.required("gtin", product.gtin(), 20);
        boolean hasCurrency = product.priceCurrency() != null;
        boolean hasValue = product.priceValue() != null;
        if (hasCurrency != hasValue) {
            checks.add(hasCurrency ? "priceValue" : "priceCurrency", "is required when " + (hasCurrency ? "priceCurrency" : "priceValue") + " is given");
        }
        checks.optional("priceCurrency", product.priceCurrency(), 10);
        if (hasValue && !Double.isFinite(product.priceValue())) {
            checks.add("priceValue", "must be a finite number, not " + product.priceValue());
        } else if (hasValue && product.priceValue() < 0) {
            checks.add("priceValue", "must not be negative, got " + product.priceValue());
        }
        attributes(checks, product.attributes());
    }

    private void graphQl(Checks checks, Command.GraphQlRequest request) {
        checks.required("query", request.query(), Integer.MAX_VALUE);
        checks.utf8Bytes("query", request.query(), GRAPHQL_MAX_BYTES);
        if (request.operationName() != null && !GRAPHQL_NAME.matcher(request.operationName()).matches()) {
            checks.add("operationName", "is not a GraphQL name");
        }
        if (request.variables() != null && !request.variables().isBlank()) {
            if (!checks.utf8Bytes("variables", request.variables(), GRAPHQL_MAX_BYTES)) {
                return;
            }
            if (parseObject(request.variables()) == null) {
                checks.add("variables", "must be a JSON object, e.g. {\"ref\":\"SKU-1\"}");
            }
        }
    }

    /** The variables as a map, or null when they are not a JSON object. */
    Map<String, Object> parseObject(String variables) {
        try {
            return json.readValue(variables, Argument.mapOf(String.class, Object.class));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void attributes(Checks checks, List<AttributeInput> attributes) {
        if (attributes.size() > ATTRIBUTES_MAX) {
            checks.add("attributes", "has " + attributes.size() + " entries; at most " + ATTRIBUTES_MAX + " are allowed");
            return;
        }
        for (int i = 0; i < attributes.size(); i++) {
            AttributeInput attribute = attributes.get(i);
            String field = "attributes[" + i + "]";
            checks.required(field + ".name", attribute.name(), TEXT_MAX);
            checks.required(field + ".type", attribute.type(), 50);
            if (attribute.value() == null) {
                checks.add(field + ".value", "is required");
            } else if (attribute.value().length() > ATTRIBUTE_VALUE_MAX) {
                checks.add(field + ".value", "is " + attribute.value().length() + " characters long; at most " + ATTRIBUTE_VALUE_MAX + " are allowed");
            } else if (attribute.type() != null) {
                try {
                    attribute.jsonValue(json);
                } catch (IllegalArgumentException e) {
                    checks.add(field + ".value", e.getMessage() + " (type " + attribute.type() + ")");
                }
            }
        }
    }

    /** Collects violations; each method checks one field. */
    private static final class Checks {
        private final List<Violation> violations = new ArrayList<>();

        void add(String field, String problem) {
            violations.add(new Violation(field, problem));
        }

        void required(String field, String value, int max) {
            if (value == null || value.isBlank()) {
                add(field, "is required");
            } else {
                optional(field, value, max);
            }
        }

        void optional(String field, String value, int max) {
            if (value != null && value.length() > max) {
                add(field, "is " + value.length() + " characters long; at most " + max + " are allowed");
            } else if (value != null && value.isBlank()) {
                add(field, "must not be blank when given");
            }
        }

        /** Checks the UTF-8 length without encoding the whole value; returns whether it is within {@code max}. */
        boolean utf8Bytes(String field, String value, int max) {
            if (value == null || value.length() <= max / 3) {
                return true;
            }
            long bytes = 0;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                bytes += Character.isSurrogate(c) ? 2 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3; // a surrogate pair is 4 bytes
            }
            if (bytes > max) {
                add(field, "is " + bytes + " bytes long in UTF-8; at most " + max + " are allowed (Fluent refuses requests over 2 MB)");
                return false;
            }
            return true;
        }

        void email(String field, String value) {
            required(field, value, 250);
            if (value != null && !value.isBlank() && value.length() <= 250 && !EMAIL.matcher(value).matches()) {
                add(field, "is not a valid email address: '" + preview(value) + "'");
            }
        }

        static String preview(String value) {
            return value.length() <= 40 ? value : value.substring(0, 40) + "...";
        }
    }
}
