package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.Attribute;
import io.fluentkafka.worker.avro.GetCurrentUser;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.OperationCatalogue;
import io.fluentkafka.worker.command.Outcome;
import io.fluentkafka.worker.command.Repeat;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Startup fails, naming the operation, when the catalogue could not route every command to exactly one operation. */
class OperationCatalogueTest {

    @Test
    void ordersTheWorkersKindsAndDerivesTheirConstants() {
        assertThat(TestOperations.kinds()).containsExactly("create-customer", "create-order", "create-order-and-customer",
                "create-product", "create-variant-product", "get-current-user", "get-customer-by-email", "get-product",
                "graphql-request", "send-event", "update-customer", "update-inventory", "update-order", "update-standard-product",
                "update-variant-product", "upsert-customer", "upsert-product");
        assertThat(TestOperations.byKind("graphql-request").constant()).isEqualTo("GRAPHQL_REQUEST");
    }

    @Test
    void refusesTwoOperationsForOneKind() {
        assertThatThrownBy(() -> with(new Stub<>("get-current-user", GetCurrentUser.class)))
                .hasMessageEndingWith("both claim kind 'get-current-user'");
    }

    @Test
    void refusesKindsThatAreNotKebabCaseOrAreReserved() {
        assertThatThrownBy(() -> with(new Stub<>("GetStock", GetCurrentUser.class))).hasMessageContaining("claims kind 'GetStock'; a kind is kebab case");
        assertThatThrownBy(() -> with(new Stub<>("replies", GetCurrentUser.class)))
                .hasMessageContaining("claims kind 'replies', a name of worker.topics that is not a command's");
    }

    @Test
    void refusesACommandSchemaWithoutTheMetadataFields() {
        assertThatThrownBy(() -> with(new Stub<>("set-attribute", Attribute.class)))
                .hasMessage("io.fluentkafka.worker.avro.Attribute (kind set-attribute) must start with the fields "
                        + "[commandId, correlationId, connection], like every command schema");
    }

    private static OperationCatalogue with(Operation<?> extra) {
        return new OperationCatalogue(Stream.concat(TestOperations.all().stream(), Stream.of(extra)).toList());
    }

    private record Stub<C extends SpecificRecord>(String kind, Class<C> commandType) implements Operation<C> {
        @Override
        public Repeat repeat() {
            return Repeat.IDEMPOTENT;
        }

        @Override
        public void validate(C command, Checks checks) {
        }

        @Override
        public CompletableFuture<Outcome.Succeeded> perform(C command, Execution execution) {
            return new CompletableFuture<>();
        }
    }

    @Test
    void refusesAnEmptyCatalogue() {
        assertThatThrownBy(() -> new OperationCatalogue(List.of())).hasMessageStartingWith("no operations");
    }
}
