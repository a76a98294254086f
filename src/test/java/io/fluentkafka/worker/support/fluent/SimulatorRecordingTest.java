package io.fluentkafka.worker.support.fluent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the simulator records of each request, and what reset clears. */
class SimulatorRecordingTest extends SimulatorOverHttp {

    @Test
    void recordsHeadersBodyFormAndGraphQlParts() throws Exception {
        String token = accessToken();
        graphQl(token, "query Me { me { ref } }", Map.of("x", 1));

        RecordedRequest tokenRequest = fluent.tokenRequests().get(0);
        RecordedRequest graphQlRequest = fluent.graphQlRequests().get(0);

        assertEquals(List.of(tokenRequest, graphQlRequest), fluent.requests());
        assertEquals("POST", tokenRequest.method());
        assertEquals("password", tokenRequest.form().get("grant_type"));
        assertEquals("application/x-www-form-urlencoded", tokenRequest.header("content-type"));
        assertTrue(tokenRequest.body().contains("grant_type=password"));
        assertEquals("Bearer " + token, graphQlRequest.authorization());
        assertEquals("query Me { me { ref } }", graphQlRequest.query());
        assertEquals("Me", graphQlRequest.operationName());
        assertEquals(Map.of("x", 1), graphQlRequest.variables());
        fluent.clearRecordedRequests();
        assertEquals(List.of(), fluent.requests());
    }

    @Test
    void resetClearsDataAndFaultsButKeepsTokensValid() throws Exception {
        String token = accessToken();
        graphQl(token, CREATE_CUSTOMER, Map.of("input", customer("1_gone@example.com")));
        fluent.addCatalogue("PC:TEMP:1");
        fluent.failNextGraphQl(5, 500);

        fluent.reset();

        assertEquals(0, fluent.customerCount());
        assertEquals(List.of(), fluent.requests());
        assertEquals(200, graphQl(token, "{ me { ref } }", null).status());
        assertEquals("C0120E", graphQl(token, CREATE_PRODUCT, Map.of("input", product("S", "PC:TEMP:1", 1)))
                .at("errors.0.extensions.code"));
    }
}
