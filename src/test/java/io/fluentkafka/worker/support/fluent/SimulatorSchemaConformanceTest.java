package io.fluentkafka.worker.support.fluent;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator's SDL ({@code fluent-simulator/schema.graphqls}) is a subset of Fluent's own schema that agrees
 * with it field for field (see {@link SchemaDifferences}), so a request the simulator accepts has the shape
 * Fluent accepts. The other tests show that the comparison notices each kind of drift.
 */
class SimulatorSchemaConformanceTest {

    private static TypeDefinitionRegistry fluent;

    @BeforeAll
    static void loadFluentSchema() {
        fluent = FluentReferenceSchema.load().typeDefinitions();
    }

    @Test
    void simulatorDeclaresNothingFluentDoesNotWithTheSameTypes() {
        assertThat(SchemaDifferences.of(SimulatorGraphQl.typeDefinitions(), fluent)).isEmpty();
    }

    @Test
    void noticesAnInputFieldOptionalHereButRequiredByFluent() {
        TypeDefinitionRegistry drifted = sdl("""
                input CreateCustomerInput { username: String! primaryEmail: String! timezone: String
                  promotionOptIn: Boolean! retailer: RetailerId! }
                input RetailerId { id: ID! }""");

        assertThat(SchemaDifferences.of(drifted, fluent))
                .containsExactly("CreateCustomerInput(timezone): String here, String! in the reference");
    }

    @Test
    void noticesARequiredInputFieldLeftOut() {
        TypeDefinitionRegistry drifted = sdl("""
                input CreateCustomerInput { username: String! primaryEmail: String! promotionOptIn: Boolean!
                  retailer: RetailerId! }
                input RetailerId { id: ID! }""");

        assertThat(SchemaDifferences.of(drifted, fluent))
                .containsExactly("CreateCustomerInput(timezone): required in the reference (String!) but missing here");
    }

    @Test
    void noticesListWrappingAndNullabilityOfFieldsAndArguments() {
        TypeDefinitionRegistry drifted = sdl("""
                type Query { customers(username: String, first: Int!): CustomerConnection }
                type CustomerConnection { edges: CustomerEdge }
                type CustomerEdge { node: Customer }
                type Customer { id: ID }""");

        assertThat(SchemaDifferences.of(drifted, fluent)).containsExactlyInAnyOrder(
                "Query.customers(username): String here, [String] in the reference",
                "Query.customers(first): Int! here, Int in the reference",
                "CustomerConnection.edges: CustomerEdge here, [CustomerEdge] in the reference",
                "Customer.id: ID here, ID! in the reference");
    }

    @Test
    void noticesNamesFluentDoesNotHave() {
        TypeDefinitionRegistry drifted = sdl("""
                scalar Long
                type Query { me: User shoppingCart: String }
                type User { id: ID! shoeSize: Int }
                input ProductCatalogueKey { ref: String! version: Int }""");

        assertThat(SchemaDifferences.of(drifted, fluent)).containsExactlyInAnyOrder(
                "scalar Long: not in the reference",
                "Query.shoppingCart: not in the reference",
                "User.shoeSize: not in the reference",
                "ProductCatalogueKey(version): not in the reference");
    }

    @Test
    void noticesATypeOfAnotherKind() {
        TypeDefinitionRegistry drifted = sdl("type RetailerId { id: ID! }");

        assertThat(SchemaDifferences.of(drifted, fluent)).containsExactly("type RetailerId: type here, input in the reference");
    }

    private static TypeDefinitionRegistry sdl(String text) {
        return new SchemaParser().parse(text);
    }
}
