package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.GetCustomerByEmail;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.OperationDocumentsTest;
import io.fluentkafka.worker.support.fluent.FluentReferenceSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind's own documents, the defaults that {@code worker.operations.<kind>.document} may replace, are valid against
 * Fluent's real schema, as is the replacement the integration test sends; so are the variables of the two whose
 * requests no other conformance test builds.
 */
class OperationDocumentsConformanceTest {

    private static final FluentReferenceSchema FLUENT = FluentReferenceSchema.load();

    static Stream<String> defaults() {
        return TestOperations.all().stream().map(Operation::documents).flatMap(documents -> documents.values().stream());
    }

    @ParameterizedTest
    @MethodSource("defaults")
    void everyDefaultIsValidAgainstFluentsSchema(String document) {
        assertThat(FLUENT.documentErrors(document)).as(document).isEmpty();
    }

    @Test
    void theReplacementTheIntegrationTestSendsIsValidAgainstFluentsSchema() {
        assertThat(FLUENT.documentErrors(OperationDocumentsTest.MORE_FIELDS)).isEmpty();
    }

    @Test
    void getCustomerByEmailAndGetCurrentUserSendValidRequests() {
        GetCustomerByEmail command = GetCustomerByEmail.newBuilder().setCommandId("c-1").setPrimaryEmail("ann@example.com").build();

        assertThat(FLUENT.requestErrors(GetCustomerByEmailOperation.CUSTOMERS_BY_EMAIL, null, GetCustomerByEmailOperation.variables(command)))
                .isEmpty();
        assertThat(FLUENT.requestErrors(GetCurrentUserOperation.ME, null, Map.of())).isEmpty();
    }
}
