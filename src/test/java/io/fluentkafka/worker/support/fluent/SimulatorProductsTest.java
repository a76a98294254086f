package io.fluentkafka.worker.support.fluent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** createStandardProduct and standardProduct, as Fluent answers them. */
class SimulatorProductsTest extends SimulatorOverHttp {

    @Test
    void createsProductThenRejectsDuplicateInSameCatalogue() throws Exception {
        String token = accessToken();

        Reply created = graphQl(token, CREATE_PRODUCT, Map.of("input", product("SKU-1", "PC:MASTER:1", 49.95)));
        Reply duplicate = graphQl(token, CREATE_PRODUCT, Map.of("input", product("SKU-1", "PC:MASTER:1", 49.95)));
        fluent.addCatalogue("PC:OTHER:1");
        Reply otherCatalogue = graphQl(token, CREATE_PRODUCT, Map.of("input", product("SKU-1", "PC:OTHER:1", 1)));

        assertEquals("CREATED", created.at("data.createStandardProduct.status"));
        assertEquals("PRODUCT_CATALOGUE::MASTER", created.at("data.createStandardProduct.workflowRef"));
        assertEquals(1, created.at("data.createStandardProduct.workflowVersion"));
        assertEquals(49.95, created.at("data.createStandardProduct.prices.0.value"));
        assertNull(duplicate.at("data.createStandardProduct"));
        assertEquals("C0123E: Product with ref 'SKU-1' already exists in catalogue 'PC:MASTER:1'",
                duplicate.at("errors.0.message"));
        assertNull(otherCatalogue.json().get("errors"));
        assertEquals(2, fluent.productCount());
        assertEquals("Shirt", fluent.product("PC:MASTER:1", "SKU-1").orElseThrow().get("name"));
    }

    @Test
    void rejectsUnknownCatalogueAndNegativePrice() throws Exception {
        String token = accessToken();

        Reply unknown = graphQl(token, CREATE_PRODUCT, Map.of("input", product("SKU-2", "PC:NONE:1", 1)));
        Reply negative = graphQl(token, CREATE_PRODUCT, Map.of("input", product("SKU-3", "PC:MASTER:1", -1)));

        assertEquals("C0120E: Product catalogue 'PC:NONE:1' not found", unknown.at("errors.0.message"));
        assertEquals("C0122E", negative.at("errors.0.extensions.code"));
        assertEquals(0, fluent.productCount());
    }

    @Test
    void reportsEachAliasedMutationAtItsOwnPath() throws Exception {
        String token = accessToken();
        graphQl(token, CREATE_PRODUCT, Map.of("input", product("SKU-1", "PC:MASTER:1", 1)));
        String batch = "mutation Batch($p1: CreateStandardProductInput, $p2: CreateStandardProductInput) {"
                + " create1: createStandardProduct(input: $p1) { ref } create2: createStandardProduct(input: $p2) { ref } }";

        Reply reply = graphQl(token, batch, Map.of("p1", product("SKU-1", "PC:MASTER:1", 1),
                "p2", product("SKU-2", "PC:MASTER:1", 1)));

        assertNull(reply.at("data.create1"));
        assertEquals("SKU-2", reply.at("data.create2.ref"));
        assertEquals(List.of("create1"), reply.at("errors.0.path"));
    }

    @Test
    void findsProductByRefAndCatalogue() throws Exception {
        String token = accessToken();
        graphQl(token, CREATE_PRODUCT, Map.of("input", product("SKU-9", "PC:MASTER:1", 5)));

        Reply reply = graphQl(token,
                "{ standardProduct(ref: \"SKU-9\", catalogue: {ref: \"PC:MASTER:1\"}) { gtin catalogue { ref } } }",
                null);

        assertEquals("SKU-9", reply.at("data.standardProduct.gtin"));
    }
}
