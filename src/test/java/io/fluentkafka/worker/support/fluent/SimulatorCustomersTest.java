package io.fluentkafka.worker.support.fluent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** createCustomer, updateCustomer, customer(s) and me, as Fluent answers them. */
class SimulatorCustomersTest extends SimulatorOverHttp {

    private static final String UPDATE_CUSTOMER = """
            mutation Update($input: UpdateCustomerInput) {
              updateCustomer(input: $input) { id ref firstName lastName primaryEmail attributes { name value } }
            }""";

    @Test
    void createsCustomerThenRejectsDuplicateUsername() throws Exception {
        String token = accessToken();

        Reply created = graphQl(token, CREATE_CUSTOMER, Map.of("input", customer("1_jane@example.com")));
        Reply duplicate = graphQl(token, CREATE_CUSTOMER, Map.of("input", customer("1_jane@example.com")));

        assertNull(created.json().get("errors"));
        assertEquals("1_jane@example.com", created.at("data.createCustomer.ref"));
        assertEquals("ACTIVE", created.at("data.createCustomer.status"));
        assertEquals("1", created.at("data.createCustomer.retailer.id"));
        assertTrue(((String) created.at("data.createCustomer.id")).matches("\\d+"));
        assertEquals(200, duplicate.status());
        assertTrue(duplicate.json().containsKey("data"));
        assertNull(duplicate.at("data.createCustomer"));
        assertEquals("C0123E: Customer with username '1_jane@example.com' already exists",
                duplicate.at("errors.0.message"));
        assertEquals(List.of("createCustomer"), duplicate.at("errors.0.path"));
        assertEquals(Map.of("code", "C0123E", "classification", "DataFetchingException"),
                duplicate.at("errors.0.extensions"));
        assertEquals(1, fluent.customerCount());
        assertEquals("jane@example.com", fluent.customerByUsername("1_jane@example.com").orElseThrow()
                .get("primaryEmail"));
    }

    @Test
    void rejectsFieldLongerThanFluentAllows() throws Exception {
        Map<String, Object> input = customer("1_long@example.com");
        input.put("firstName", "x".repeat(51));

        Reply reply = graphQl(accessToken(), CREATE_CUSTOMER, Map.of("input", input));

        assertEquals("C0141E: Field 'firstName' exceeds the maximum length of 50", reply.at("errors.0.message"));
        assertEquals("C0141E", reply.at("errors.0.extensions.code"));
        assertEquals(0, fluent.customerCount());
    }

    @Test
    void rejectsAnotherRetailer() throws Exception {
        Map<String, Object> input = customer("7_jane@example.com");
        input.put("retailer", Map.of("id", "7"));

        Reply reply = graphQl(accessToken(), CREATE_CUSTOMER, Map.of("input", input));

        assertEquals("C0120E: Retailer '7' not found", reply.at("errors.0.message"));
    }

    @Test
    void searchesCustomersByPrimaryEmailWithWildcardsAndPages() throws Exception {
        String token = accessToken();
        for (String name : List.of("ann", "bob", "cid")) {
            graphQl(token, CREATE_CUSTOMER, Map.of("input", customer("1_" + name + "@example.com")));
        }
        String search = "query Find($email: [String], $after: String) { customers(primaryEmail: $email, first: 2,"
                + " after: $after) { edges { cursor node { ref } } pageInfo { hasNextPage hasPreviousPage } } }";

        Reply found = graphQl(token, search, Map.of("email", List.of("bob@example.com")));
        Reply missing = graphQl(token, search, Map.of("email", "nobody@example.com"));
        Reply firstPage = graphQl(token, search, Map.of("email", "%@example.com"));
        Map<String, Object> next = new LinkedHashMap<>(Map.of("email", "%@example.com"));
        next.put("after", firstPage.at("data.customers.edges.1.cursor"));
        Reply secondPage = graphQl(token, search, next);

        assertEquals("1_bob@example.com", found.at("data.customers.edges.0.node.ref"));
        assertEquals(List.of(), missing.at("data.customers.edges"));
        assertEquals(true, firstPage.at("data.customers.pageInfo.hasNextPage"));
        assertEquals("1_cid@example.com", secondPage.at("data.customers.edges.0.node.ref"));
        assertEquals(false, secondPage.at("data.customers.pageInfo.hasNextPage"));
        assertEquals(true, secondPage.at("data.customers.pageInfo.hasPreviousPage"));
    }

    @Test
    void findsCustomerByRefAndAnswersNullWhenAbsent() throws Exception {
        String token = accessToken();
        graphQl(token, CREATE_CUSTOMER, Map.of("input", customer("1_dee@example.com")));

        Reply reply = graphQl(token,
                "{ a: customer(ref: \"1_dee@example.com\") { username } b: customer(ref: \"none\") { username } }",
                null);

        assertEquals("1_dee@example.com", reply.at("data.a.username"));
        assertTrue(((Map<?, ?>) reply.at("data")).containsKey("b"));
        assertNull(reply.at("data.b"));
    }

    @Test
    void storesAttributeValuesOfAnyJsonType() throws Exception {
        String mutation = """
                mutation { createCustomer(input: {username: "1_attr@example.com", primaryEmail: "a@example.com",
                  timezone: "UTC", promotionOptIn: true, retailer: {id: "1"}, attributes: [
                    {name: "tier", type: "STRING", value: "gold"}, {name: "points", type: "INTEGER", value: 42},
                    {name: "vip", type: "BOOLEAN", value: true},
                    {name: "prefs", type: "JSON", value: {channels: ["sms", "email"], score: 1.5}}]})
                  { attributes { name value } } }""";

        Reply reply = graphQl(accessToken(), mutation, null);

        assertEquals("gold", reply.at("data.createCustomer.attributes.0.value"));
        assertEquals(42, reply.at("data.createCustomer.attributes.1.value"));
        assertEquals(true, reply.at("data.createCustomer.attributes.2.value"));
        assertEquals(Map.of("channels", List.of("sms", "email"), "score", 1.5),
                reply.at("data.createCustomer.attributes.3.value"));
    }

    @Test
    void updatesOnlyTheFieldsGivenAndUpsertsAttributesByName() throws Exception {
        String token = accessToken();
        Map<String, Object> input = customer("1_upd@example.com");
        input.put("attributes", List.of(Map.of("name", "tier", "type", "STRING", "value", "silver"),
                Map.of("name", "points", "type", "INTEGER", "value", 1)));
        graphQl(token, CREATE_CUSTOMER, Map.of("input", input));
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("username", "1_upd@example.com");
        changes.put("lastName", "Roe");
        changes.put("primaryEmail", "roe@example.com");
        changes.put("firstName", null);
        changes.put("attributes", List.of(Map.of("name", "tier", "type", "STRING", "value", "gold"),
                Map.of("name", "vip", "type", "BOOLEAN", "value", true)));

        Reply reply = graphQl(token, UPDATE_CUSTOMER, Map.of("input", changes));

        assertNull(reply.json().get("errors"));
        assertEquals("Roe", reply.at("data.updateCustomer.lastName"));
        assertEquals("Jane", reply.at("data.updateCustomer.firstName"));
        assertEquals("1_upd@example.com", reply.at("data.updateCustomer.ref"));
        assertEquals(List.of(Map.of("name", "tier", "value", "gold"), Map.of("name", "points", "value", 1),
                Map.of("name", "vip", "value", true)), reply.at("data.updateCustomer.attributes"));
        assertEquals("1_upd@example.com", graphQl(token, "{ customers(primaryEmail: [\"roe@example.com\"]) "
                + "{ edges { node { username } } } }", null).at("data.customers.edges.0.node.username"));
        assertEquals(List.of(), graphQl(token, "{ customers(primaryEmail: [\"upd@example.com\"]) "
                + "{ edges { node { username } } } }", null).at("data.customers.edges"));
    }

    @Test
    void rejectsAnUpdateOfAnUnknownUsernameOrAnOverlongField() throws Exception {
        String token = accessToken();
        graphQl(token, CREATE_CUSTOMER, Map.of("input", customer("1_known@example.com")));

        Reply unknown = graphQl(token, UPDATE_CUSTOMER, Map.of("input", Map.of("username", "1_ghost@example.com", "lastName", "X")));
        Reply tooLong = graphQl(token, UPDATE_CUSTOMER, Map.of("input", Map.of("username", "1_known@example.com",
                "primaryPhone", "1".repeat(21))));

        assertNull(unknown.at("data.updateCustomer"));
        assertEquals("C0120E: Customer with username '1_ghost@example.com' not found", unknown.at("errors.0.message"));
        assertEquals(Map.of("code", "C0120E", "classification", "DataFetchingException"), unknown.at("errors.0.extensions"));
        assertEquals(List.of("updateCustomer"), unknown.at("errors.0.path"));
        assertEquals("C0141E: Field 'primaryPhone' exceeds the maximum length of 20", tooLong.at("errors.0.message"));
        assertEquals(1, fluent.customerCount());
    }

    @Test
    void answersMeWithTheAccountUser() throws Exception {
        Reply reply = graphQl(accessToken(), "{ me { id ref username type status primaryRetailer { id ref } } }",
                null);

        assertEquals(Map.of("id", "5", "ref", account.username(), "username", account.username(),
                "type", "RETAILER", "status", "ACTIVE", "primaryRetailer", Map.of("id", "1", "ref", "acme")),
                reply.at("data.me"));
    }
}
