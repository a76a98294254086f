package io.fluentkafka.worker;

import io.fluentkafka.worker.avro.CreateCustomer;
import io.fluentkafka.worker.avro.CustomerResult;
import io.fluentkafka.worker.avro.ErrorCategory;
import io.fluentkafka.worker.avro.GetCurrentUser;
import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.ReplyDetail;
import io.fluentkafka.worker.avro.ReplyError;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.avro.UpdateCustomer;
import io.fluentkafka.worker.avro.UpsertCustomer;
import io.fluentkafka.worker.command.OperationDocumentsTest;
import io.fluentkafka.worker.operation.TestOperations;
import io.fluentkafka.worker.support.RunningWorker;
import io.fluentkafka.worker.support.kafka.KafkaBroker;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.avro.specific.SpecificRecordBase;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A replaced document end to end (Avro on a real broker, the worker, the Fluent simulator over HTTP): create-customer's
 * document selects createdOn and primaryPhone too; the typed result still fills, and the reply's fluentData holds
 * Fluent's createCustomer object with the extra fields. Upsert-customer sends the same document for its create. A
 * document that does not fit stops the worker at startup.
 */
class OperationDocumentsIT {

    /** update-customer's default, plus the customer's retailer's trading name. */
    private static final String WITH_TRADING_NAME = "mutation UpdateCustomer($input: UpdateCustomerInput) { updateCustomer(input: $input) "
            + "{ id ref username primaryEmail firstName lastName status retailer { id tradingName } } }";

    private static RunningWorker worker;

    @BeforeAll
    static void start() {
        worker = RunningWorker.start("documents", Map.of("worker.operations.create-customer.document", OperationDocumentsTest.MORE_FIELDS,
                "worker.operations.update-customer.document", WITH_TRADING_NAME));
    }

    @AfterAll
    static void stop() throws Exception {
        worker.close();
    }

    @Test
    void aCreateWithTheReplacedDocumentRepliesTheExtraFieldsNextToTheTypedResult() throws IOException {
        CreateCustomer.Builder command = CreateCustomer.newBuilder().setPrimaryEmail("dora@example.com").setFirstName("Dora")
                .setPrimaryPhone("+61 2 5550 0000");

        Reply created = send("create-customer", command.setCommandId(newId()).build());
        Reply again = send("create-customer", command.setCommandId(newId()).build());

        assertThat(created.getDetail()).isEqualTo(ReplyDetail.CREATED);
        CustomerResult customer = (CustomerResult) created.getResult();
        assertThat(customer.getUsername()).isEqualTo("dora@example.com");
        assertThat(customer.getRetailerId()).isEqualTo(worker.fluent().account().retailerId());
        Map<String, Object> data = json(created.getFluentData());
        assertThat(data).containsEntry("id", customer.getId()).containsEntry("primaryPhone", "+61 2 5550 0000")
                .containsKeys("createdOn", "retailer");
        assertThat(data.get("createdOn")).asString().isNotBlank();
        assertThat(again.getDetail()).isEqualTo(ReplyDetail.ALREADY_EXISTS);
        assertThat(again.getFluentData()).as("the look-up after a duplicate sends its own, fixed document").isNull();
    }

    @Test
    void anUpsertCreatesWithCreateCustomersDocument() throws IOException {
        Reply upserted = send("upsert-customer", UpsertCustomer.newBuilder().setCommandId(newId()).setPrimaryEmail("eve@example.com")
                .setFirstName("Eve").build());

        assertThat(upserted.getDetail()).isEqualTo(ReplyDetail.CREATED);
        assertThat(json(upserted.getFluentData())).containsEntry("username", "eve@example.com").containsKey("createdOn");
    }

    @Test
    void aFieldTheReplacedDocumentAddsThatFluentFailsComesBackAsTheReplysErrorNextToTheUpdate() throws IOException {
        worker.fluent().addCustomer("fay@example.com", "fay@example.com", "Fay");
        Reply whole = send("update-customer", UpdateCustomer.newBuilder().setCommandId(newId()).setUsername("fay@example.com")
                .setLastName("Fox").build());
        assertThat(whole.getError()).isNull();
        assertThat(json(whole.getFluentData())).extractingByKey("retailer").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("tradingName", "Acme");

        worker.fluent().denyRetailerTradingName(true);
        try {
            Reply updated = send("update-customer", UpdateCustomer.newBuilder().setCommandId(newId()).setUsername("fay@example.com")
                    .setLastName("Fisher").build());
            Reply created = send("create-customer", CreateCustomer.newBuilder().setCommandId(newId()).setPrimaryEmail("gus@example.com")
                    .setFirstName("Gus").build());

            assertThat(updated.getStatus()).as("the update ran").isEqualTo(ReplyStatus.SUCCEEDED);
            assertThat(updated.getDetail()).isEqualTo(ReplyDetail.UPDATED);
            assertThat(((CustomerResult) updated.getResult()).getLastName()).isEqualTo("Fisher");
            assertThat(worker.fluent().customerByUsername("fay@example.com")).hasValueSatisfying(c -> assertThat(c).containsEntry("lastName", "Fisher"));
            ReplyError error = updated.getError();
            assertThat(error).as("Fluent's error for the field it nulled").isNotNull();
            assertThat(error.getCategory()).isEqualTo(ErrorCategory.FLUENT_REJECTED);
            assertThat(error.getMessage()).isEqualTo("Fluent returned partial data with errors");
            assertThat(error.getFluentErrors()).singleElement().satisfies(fluentError -> {
                assertThat(fluentError.getCode()).isEqualTo("C0020E");
                assertThat(fluentError.getPath()).isEqualTo("updateCustomer.retailer.tradingName");
            });
            assertThat(json(updated.getFluentData())).extractingByKey("retailer").asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("tradingName", null);
            assertThat(created.getError()).as("a document that does not select the failing field").isNull();
        } finally {
            worker.fluent().denyRetailerTradingName(false);
        }
    }

    @Test
    void aKindWhoseDocumentIsNotReplacedRepliesWithoutFluentData() {
        Reply user = send("get-current-user", GetCurrentUser.newBuilder().setCommandId(newId()).build());

        assertThat(user.getDetail()).isEqualTo(ReplyDetail.FOUND);
        assertThat(user.getResult()).isNotNull();
        assertThat(user.getFluentData()).isNull();
    }

    @Test
    void aDocumentThatDoesNotFitStopsTheWorkerAtStartupNamingTheKey() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", KafkaBroker.bootstrapServers());
        properties.put("micronaut.server.port", -1);
        properties.put("worker.group-id", "documents-refused");
        TestOperations.kinds().forEach(kind -> properties.put("worker.topics." + kind, worker.topic(kind)));
        properties.put("worker.topics.replies", worker.replies());
        properties.put("fluent.connections.default.host", worker.fluent().baseUrl().toString());
        properties.put("fluent.connections.default.username", worker.fluent().account().username());
        properties.put("fluent.connections.default.password", worker.fluent().account().password());
        properties.put("fluent.connections.default.client-id", worker.fluent().account().clientId());
        properties.put("fluent.connections.default.client-secret", worker.fluent().account().clientSecret());
        properties.put("worker.operations.update-order.document", "mutation U($input: UpdateOrderInput) { updateOrder(input: $input) { id } }");

        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, properties).close())
                .hasStackTraceContaining("worker.operations.update-order.document does not select updateOrder.ref, which the reply's result needs");
    }

    private static Map<String, Object> json(String text) throws IOException {
        assertThat(text).isNotNull();
        return JsonMapper.createDefault().readValue(text, Argument.mapOf(String.class, Object.class));
    }

    private static Reply send(String kind, SpecificRecordBase command) {
        String id = (String) command.get("commandId");
        worker.producer().send(worker.topic(kind), id, command);
        return worker.awaitReply(id);
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
