package io.fluentkafka.worker.support.fluent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The checker itself: each kind of mistake the conformance tests rely on it to catch, it reports. */
class FluentReferenceSchemaTest {

    private static final String CREATE_CUSTOMER = "mutation C($input: CreateCustomerInput) { createCustomer(input: $input) { id } }";

    private static FluentReferenceSchema fluent;

    @BeforeAll
    static void loadFluentSchema() {
        fluent = FluentReferenceSchema.load();
    }

    @Test
    void acceptsACompleteCustomer() {
        assertThat(fluent.requestErrors(CREATE_CUSTOMER, null, Map.of("input", customer()))).isEmpty();
    }

    @Test
    void reportsAFieldFluentDoesNotHave() {
        assertThat(fluent.documentErrors("{ me { id shoeSize } }")).singleElement().asString()
                .contains("FieldUndefined").contains("shoeSize");
    }

    @Test
    void reportsADocumentThatDoesNotParse() {
        assertThat(fluent.documentErrors("{ me { id }")).singleElement().asString().startsWith("syntax");
    }

    @Test
    void reportsAMissingRequiredInputField() {
        Map<String, Object> input = customer();
        input.remove("timezone");

        assertThat(fluent.requestErrors(CREATE_CUSTOMER, null, Map.of("input", input))).singleElement().asString()
                .contains("timezone");
    }

    @Test
    void reportsNullForARequiredInputField() {
        Map<String, Object> input = customer();
        input.put("timezone", null);

        assertThat(fluent.requestErrors(CREATE_CUSTOMER, null, Map.of("input", input))).singleElement().asString()
                .contains("timezone");
    }

    @Test
    void reportsAnInputFieldFluentDoesNotHave() {
        Map<String, Object> input = customer();
        input.put("ref", "jane");

        assertThat(fluent.requestErrors(CREATE_CUSTOMER, null, Map.of("input", input))).singleElement().asString()
                .contains("ref");
    }

    @Test
    void reportsAValueOfTheWrongType() {
        Map<String, Object> input = customer();
        input.put("promotionOptIn", "yes");

        // graphql-java names the variable and the expected type, not the input field
        assertThat(fluent.requestErrors(CREATE_CUSTOMER, null, Map.of("input", input))).singleElement().asString()
                .contains("Expected a Boolean input");
    }

    @Test
    void reportsAMissingRequiredVariable() {
        String lookup = "query P($ref: String!, $catalogue: ProductCatalogueKey!) "
                + "{ standardProduct(ref: $ref, catalogue: $catalogue) { id } }";

        assertThat(fluent.requestErrors(lookup, null, Map.of("ref", "SKU-1"))).singleElement().asString()
                .contains("catalogue");
    }

    private static Map<String, Object> customer() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("username", "jane@example.com");
        input.put("primaryEmail", "jane@example.com");
        input.put("firstName", "Jane");
        input.put("timezone", "UTC");
        input.put("promotionOptIn", false);
        input.put("retailer", Map.of("id", "1"));
        input.put("attributes", List.of(Map.of("name", "tier", "type", "JSON", "value", Map.of("level", 2))));
        return input;
    }
}
