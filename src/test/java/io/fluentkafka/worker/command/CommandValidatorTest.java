package io.fluentkafka.worker.command;

import io.fluentkafka.worker.fluent.AttributeInput;
import io.fluentkafka.worker.fluent.CustomerDraft;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Values Fluent would refuse, or that would break the request before it is sent, are refused here, naming the field. */
class CommandValidatorTest {

    private static final CommandMetadata METADATA = new CommandMetadata("c-1", null, null);

    private final CommandValidator validator = new CommandValidator(JsonMapper.createDefault());

    @Test
    void refusesAJsonAttributeWhoseValueIsNull() {
        List<Violation> violations = validator.validate(customer("1", List.of(new AttributeInput("a", "JSON", "null"))));

        assertThat(violations).extracting(Violation::toString)
                .containsExactly("attributes[0].value is JSON null; Fluent requires a value (Json!) (type JSON)");
    }

    @Test
    void boundsTheNumberOfAttributesAndTheLengthOfEachValue() {
        List<AttributeInput> tooMany = Collections.nCopies(CommandValidator.ATTRIBUTES_MAX + 1, new AttributeInput("a", "STRING", "v"));
        List<AttributeInput> tooLong = List.of(new AttributeInput("a", "STRING", "v".repeat(CommandValidator.ATTRIBUTE_VALUE_MAX + 1)));

        assertThat(validator.validate(customer("1", tooMany))).extracting(Violation::toString)
                .containsExactly("attributes has 101 entries; at most 100 are allowed");
        assertThat(validator.validate(customer("1", tooLong))).extracting(Violation::toString)
                .containsExactly("attributes[0].value is 65537 characters long; at most 65536 are allowed");
    }

    @Test
    void boundsTheDigitsOfARetailerId() {
        assertThat(validator.validate(customer("1".repeat(18), List.of()))).isEmpty();
        assertThat(validator.validate(customer("1".repeat(19), List.of()))).extracting(Violation::toString)
                .containsExactly("retailerId has 19 digits; at most 18 are allowed");
    }

    @Test
    void measuresAGraphQlDocumentAndItsVariablesInUtf8Bytes() {
        int max = CommandValidator.GRAPHQL_MAX_BYTES;
        String fitsAsAscii = "{ me { id } }" + " ".repeat(max - 13);
        String threeBytesEach = "{ me { id } } #" + "€".repeat(max / 3);
        String variables = "{\"a\":\"" + "é".repeat(max / 2) + "\"}";

        assertThat(validator.validate(graphQl(fitsAsAscii, null))).isEmpty();
        assertThat(validator.validate(graphQl(threeBytesEach, variables))).extracting(Violation::toString).containsExactly(
                "query is " + (15 + max) + " bytes long in UTF-8; at most " + max + " are allowed (Fluent refuses requests over 2 MB)",
                "variables is " + (8 + max) + " bytes long in UTF-8; at most " + max + " are allowed (Fluent refuses requests over 2 MB)");
    }

    private static Command customer(String retailerId, List<AttributeInput> attributes) {
        return new Command.CreateCustomer(METADATA, new CustomerDraft(retailerId, null, "jane@example.com", "Jane", null, null,
                null, null, false, attributes));
    }

    private static Command graphQl(String query, String variables) {
        return new Command.GraphQlRequest(METADATA, query, variables, null);
    }
}
