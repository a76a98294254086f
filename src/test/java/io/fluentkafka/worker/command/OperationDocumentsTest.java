package io.fluentkafka.worker.command;

import io.fluentkafka.worker.operation.TestOperations;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The startup checks of {@code worker.operations.<kind>.document}: each failure names the key and the reason. */
public class OperationDocumentsTest {

    private static final String KEY = "worker.operations.create-customer.document";
    private static final String FIELDS = "id ref username primaryEmail firstName lastName status retailer { id }";
    /** create-customer's default, plus two fields of Fluent's Customer; OperationDocumentsIT sends it. */
    public static final String MORE_FIELDS = "mutation CreateCustomer($input: CreateCustomerInput) "
            + "{ createCustomer(input: $input) { " + FIELDS + " createdOn primaryPhone } }";

    @Test
    void withoutConfigurationEveryKindSendsItsDefaults() {
        OperationDocuments documents = documents(Map.of());

        Document createCustomer = documents.document("create-customer", "createCustomer");
        assertThat(createCustomer.replaced()).isFalse();
        assertThat(createCustomer.text()).contains("createCustomer(input: $input)");
        assertThat(documents.document("get-product", "variantProduct").replaced()).isFalse();
    }

    @Test
    void aDocumentSelectingMoreFieldsReplacesTheDefault() {
        Document document = documents(Map.of("create-customer", MORE_FIELDS)).document("create-customer", "createCustomer");

        assertThat(document).isEqualTo(new Document("createCustomer", MORE_FIELDS, true));
    }

    @Test
    void aKindWithTwoRootFieldsHasTheOneItsDocumentSelectsReplaced() {
        String variant = "query V($ref: String!, $catalogue: ProductCatalogueKey!) { variantProduct(ref: $ref, catalogue: $catalogue) "
                + "{ id ref type name gtin status catalogue { ref } summary } }";

        OperationDocuments documents = documents(Map.of("get-product", variant));

        assertThat(documents.document("get-product", "variantProduct").replaced()).isTrue();
        assertThat(documents.document("get-product", "standardProduct").replaced()).isFalse();
    }

    @Test
    void refusesADocumentThatDoesNotParse() {
        assertRefused("mutation CreateCustomer($input: CreateCustomerInput) { createCustomer(input: $input) { id ",
                KEY + " does not parse as GraphQL: ");
    }

    @Test
    void refusesAnEmptyDocument() {
        assertRefused(" ", KEY + " is empty");
    }

    @Test
    void refusesAnotherRootField() {
        assertRefused("mutation U($input: UpdateCustomerInput) { updateCustomer(input: $input) { " + FIELDS + " } }",
                KEY + " selects root field updateCustomer, but the kind's root field is createCustomer");
    }

    @Test
    void refusesAQueryForAMutation() {
        assertRefused("query C($input: CreateCustomerInput) { createCustomer(input: $input) { " + FIELDS + " } }",
                KEY + " is a query, but createCustomer is a mutation");
    }

    @Test
    void refusesTwoOperationsAndFragments() {
        assertRefused(MORE_FIELDS + " query Me { me { id } }", KEY + " holds 2 operations; it must hold exactly one");
        assertRefused("mutation C($input: CreateCustomerInput) { createCustomer(input: $input) { ...F } } fragment F on Customer { id }",
                KEY + " defines fragment F; fragments are not supported, select the fields inline");
    }

    @Test
    void refusesAMissingVariable() {
        assertRefused("mutation C { createCustomer(input: {username: \"x\"}) { " + FIELDS + " } }",
                KEY + " passes createCustomer(input: {username : \"x\"}); it must pass the default's arguments, createCustomer(input: $input)");
        assertRefused("mutation C { createCustomer(input: $input) { " + FIELDS + " } }",
                KEY + " does not declare $input (CreateCustomerInput), which the worker passes");
    }

    @Test
    void refusesAnExtraVariable() {
        assertRefused("mutation C($input: CreateCustomerInput, $first: Int) { createCustomer(input: $input) { " + FIELDS + " } }",
                KEY + " declares $first, which the worker does not pass (it passes $input)");
    }

    @Test
    void refusesAMistypedVariable() {
        assertRefused("mutation C($input: CreateCustomerInput!) { createCustomer(input: $input) { " + FIELDS + " } }",
                KEY + " declares $input as CreateCustomerInput!, but the worker passes it as CreateCustomerInput");
    }

    @Test
    void refusesADocumentMissingAFieldOfTheDefault() {
        assertRefused("mutation C($input: CreateCustomerInput) { createCustomer(input: $input) "
                        + "{ id ref username primaryEmail firstName lastName status retailer { ref } createdOn } }",
                KEY + " does not select createCustomer.retailer.id, which the reply's result needs");
        assertRefused("mutation C($input: CreateCustomerInput) { createCustomer(input: $input) "
                        + "{ id ref username primaryEmail firstName lastName state: status retailer { id } } }",
                KEY + " does not select createCustomer.status, which the reply's result needs");
    }

    @Test
    void acceptsAFieldOfTheDefaultSelectedInPartsAsGraphQlMergesThem() {
        String split = "mutation C($input: CreateCustomerInput) { createCustomer(input: $input) "
                + "{ id ref username primaryEmail firstName lastName status retailer { tradingName } retailer { id } } }";

        assertThat(documents(Map.of("create-customer", split)).document("create-customer", "createCustomer").replaced()).isTrue();
        assertRefused("mutation C($input: CreateCustomerInput) { createCustomer(input: $input) "
                        + "{ id ref username primaryEmail firstName lastName status retailer { tradingName } retailer { ref } } }",
                KEY + " does not select createCustomer.retailer.id, which the reply's result needs");
    }

    @Test
    void acceptsADirectiveOnARepeatOfAFieldTheDefaultSelectsUnconditionally() {
        String repeated = "mutation C($input: CreateCustomerInput) { createCustomer(input: $input) "
                + "{ id ref username primaryEmail firstName lastName status retailer @skip(if: true) { tradingName } retailer { id } } }";

        assertThat(documents(Map.of("create-customer", repeated)).document("create-customer", "createCustomer").replaced()).isTrue();
        assertRefused("mutation C($input: CreateCustomerInput) { createCustomer(input: $input) "
                        + "{ id ref username primaryEmail firstName lastName status retailer @skip(if: false) { id } retailer { ref } } }",
                KEY + " does not select createCustomer.retailer.id, which the reply's result needs");
    }

    @Test
    void refusesADirectiveThatCouldDropAFieldOfTheDefault() {
        assertRefused("mutation C($input: CreateCustomerInput) { createCustomer(input: $input) "
                        + "{ id ref username primaryEmail firstName lastName status @include(if: false) retailer { id } } }",
                KEY + " puts a directive on createCustomer.status, which the reply's result needs; it must select it unconditionally");
        assertRefused("mutation C($input: CreateCustomerInput) { createCustomer(input: $input) @skip(if: false) { " + FIELDS + " } }",
                KEY + " carries a directive on its operation or on createCustomer; it must run unconditionally");
    }

    @Test
    void refusesAnAliasedRootField() {
        assertRefused("mutation C($input: CreateCustomerInput) { made: createCustomer(input: $input) { " + FIELDS + " } }",
                KEY + " aliases createCustomer as made; the worker reads the answer at createCustomer");
    }

    @Test
    void refusesAnUnknownKind() {
        assertThatThrownBy(() -> documents(Map.of("create-customers", MORE_FIELDS)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("worker.operations.create-customers.document names no command kind 'create-customers'; "
                        + "kinds whose document can be replaced: create-customer, ");
    }

    @Test
    void refusesAKindWithoutADocumentOfItsOwn() {
        for (String kind : new String[] {"graphql-request", "send-event", "update-inventory", "upsert-customer", "upsert-product"}) {
            assertThatThrownBy(() -> documents(Map.of(kind, MORE_FIELDS)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("worker.operations." + kind + ".document: kind " + kind
                            + " sends no GraphQL document of its own to replace");
        }
    }

    private static void assertRefused(String document, String message) {
        assertThatThrownBy(() -> documents(Map.of("create-customer", document)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(message);
    }

    private static OperationDocuments documents(Map<String, String> configured) {
        return new OperationDocuments(TestOperations.catalogue(), configured);
    }
}
