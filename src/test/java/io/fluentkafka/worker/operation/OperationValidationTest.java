package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.Attribute;
import io.fluentkafka.worker.avro.CreateCustomer;
import io.fluentkafka.worker.avro.GraphQlRequest;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Violation;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Values Fluent would refuse, or that would break the request before it is sent, are refused here, naming the field. */
class OperationValidationTest {

    private final CreateCustomerOperation createCustomer = (CreateCustomerOperation) TestOperations.all().get(0);
    private final GraphQlRequestOperation graphQl = new GraphQlRequestOperation(JsonMapper.createDefault());

    @Test
    void refusesAJsonAttributeWhoseValueIsNull() {
        assertThat(violations(customer("1", List.of(new Attribute("a", "JSON", "null"))))).extracting(Violation::toString)
                .containsExactly("attributes[0].value is JSON null; Fluent requires a value (Json!) (type JSON)");
    }

    @Test
    void boundsTheNumberOfAttributesAndTheLengthOfEachValue() {
        List<Attribute> tooMany = Collections.nCopies(Attributes.MAX + 1, new Attribute("a", "STRING", "v"));
        List<Attribute> tooLong = List.of(new Attribute("a", "STRING", "v".repeat(Attributes.VALUE_MAX + 1)));

        assertThat(violations(customer("1", tooMany))).extracting(Violation::toString)
                .containsExactly("attributes has 101 entries; at most 100 are allowed");
        assertThat(violations(customer("1", tooLong))).extracting(Violation::toString)
                .containsExactly("attributes[0].value is 65537 characters long; at most 65536 are allowed");
    }

    @Test
    void boundsTheDigitsOfARetailerId() {
        assertThat(violations(customer("1".repeat(18), List.of()))).isEmpty();
        assertThat(violations(customer("1".repeat(19), List.of()))).extracting(Violation::toString)
                .containsExactly("retailerId has 19 digits; at most 18 are allowed");
        assertThat(violations(customer("12a", List.of()))).extracting(Violation::toString)
                .containsExactly("retailerId must be a number (digits only), got '12a'");
    }

    @Test
    void measuresAGraphQlDocumentAndItsVariablesInUtf8Bytes() {
        int max = GraphQlRequestOperation.MAX_BYTES;
        String fitsAsAscii = "{ me { id } }" + " ".repeat(max - 13);
        String threeBytesEach = "{ me { id } } #" + "€".repeat(max / 3);
        String variables = "{\"a\":\"" + "é".repeat(max / 2) + "\"}";

        assertThat(violations(graphQl(fitsAsAscii, null))).isEmpty();
        assertThat(violations(graphQl(threeBytesEach, variables))).extracting(Violation::toString).containsExactly(
                "query is " + (15 + max) + " bytes long in UTF-8; at most " + max + " are allowed (Fluent refuses requests over 2 MB)",
                "variables is " + (8 + max) + " bytes long in UTF-8; at most " + max + " are allowed (Fluent refuses requests over 2 MB)");
    }

    @Test
    void refusesVariablesThatAreNotAJsonObject() {
        assertThat(violations(graphQl("{ me { id } }", "[1]"))).extracting(Violation::toString)
                .containsExactly("variables must be a JSON object, e.g. {\"ref\":\"SKU-1\"}");
    }

    private List<Violation> violations(CreateCustomer command) {
        Checks checks = new Checks();
        createCustomer.validate(command, checks);
        return checks.violations();
    }

    private List<Violation> violations(GraphQlRequest command) {
        Checks checks = new Checks();
        graphQl.validate(command, checks);
        return checks.violations();
    }

    private static CreateCustomer customer(String retailerId, List<Attribute> attributes) {
        return CreateCustomer.newBuilder().setCommandId("c-1").setRetailerId(retailerId).setPrimaryEmail("jane@example.com")
                .setFirstName("Jane").setAttributes(attributes).build();
    }

    private static GraphQlRequest graphQl(String query, String variables) {
        return GraphQlRequest.newBuilder().setCommandId("c-1").setQuery(query).setVariables(variables).build();
    }
}
