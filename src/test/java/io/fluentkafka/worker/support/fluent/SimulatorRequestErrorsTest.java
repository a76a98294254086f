package io.fluentkafka.worker.support.fluent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** Requests Fluent cannot run: bad GraphQL and bodies that are not JSON. */
class SimulatorRequestErrorsTest extends SimulatorOverHttp {

    @Test
    void syntaxErrorHasGraphQlJavaShapeAndNoData() throws Exception {
        Reply reply = graphQl(accessToken(), "{ me { ref ", null);

        assertEquals(200, reply.status());
        assertNull(reply.json().get("data"));
        assertEquals("InvalidSyntax", reply.at("errors.0.extensions.classification"));
        assertTrue(((String) reply.at("errors.0.message")).contains("Invalid syntax"));
    }

    @Test
    void validationErrorHasGraphQlJavaShapeAndNoData() throws Exception {
        Reply reply = graphQl(accessToken(), "{ me { ref noSuchField } }", null);

        assertNull(reply.json().get("data"));
        assertEquals("ValidationError", reply.at("errors.0.extensions.classification"));
    }

    @Test
    void rejectsBodyThatIsNotJsonWith400() throws Exception {
        Reply reply = send(HttpRequest.newBuilder(uri("/graphql"))
                .header("Authorization", "Bearer " + accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{not json")));

        assertEquals(400, reply.status());
    }
}
