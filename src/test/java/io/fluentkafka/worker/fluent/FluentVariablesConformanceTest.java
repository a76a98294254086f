package io.fluentkafka.worker.fluent;

import io.fluentkafka.worker.avro.GraphQlRequest;
import io.fluentkafka.worker.support.fluent.FluentReferenceSchema;
import io.fluentkafka.worker.support.fluent.FluentSimulator;
import io.fluentkafka.worker.support.fluent.RecordedRequest;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the real {@link FluentClient} puts on the wire, for every kind of call, is a request Fluent's own schema
 * accepts: its document validates and its variables coerce (required fields present, types right, no unknown
 * input fields). The client runs against the simulator, which records each request as it arrived; the
 * simulator's answer does not matter here, only what was sent.
 */
class FluentVariablesConformanceTest {

    private static final List<AttributeInput> ATTRIBUTES_OF_EVERY_TYPE = List.of(
            new AttributeInput("tier", "STRING", "gold"),
            new AttributeInput("preferences", "JSON", "{\"channels\":[\"sms\"],\"score\":1.5}"),
            new AttributeInput("points", "INTEGER", "42"),
            new AttributeInput("vip", "BOOLEAN", "true"));

    /**
     * The smallest document of the call whose document a kind passes in: these tests check the variables; the kinds'
     * documents are checked in operation.OperationDocumentsConformanceTest.
     */
    private static final String CREATE_CUSTOMER = "mutation C($input: CreateCustomerInput) { createCustomer(input: $input) { id } }";

    private static FluentReferenceSchema fluentSchema;
    private static FluentSimulator simulator;
    private static ApplicationContext context;
    private static FluentClient client;

    @BeforeAll
    static void startClientAgainstSimulator() {
        fluentSchema = FluentReferenceSchema.load();
        simulator = FluentSimulator.start();
        context = SimulatorConnections.start(simulator);
        client = SimulatorConnections.defaultClient(context);
    }

    @AfterAll
    static void stop() {
        context.close();
        simulator.close();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        simulator.reset();
    }

    @Test
    void createCustomerWithATimezoneSendsWhatFluentAccepts() {
        RecordedRequest sent = sentBy(client.createCustomer(customer("ann@example.com", "Australia/Sydney", List.of()), CREATE_CUSTOMER));

        assertThat(input(sent)).containsEntry("timezone", "Australia/Sydney");
    }

    @Test
    void createCustomerWithoutATimezoneSendsTheConnectionDefault() {
        RecordedRequest sent = sentBy(client.createCustomer(customer("bob@example.com", null, List.of()), CREATE_CUSTOMER));

        assertThat(input(sent)).containsEntry("timezone", "UTC");
    }

    @Test
    void createCustomerWithAttributesOfEveryTypeSendsWhatFluentAccepts() {
        sentBy(client.createCustomer(customer("cid@example.com", null, ATTRIBUTES_OF_EVERY_TYPE), CREATE_CUSTOMER));
    }

    @Test
    void customerLookupSendsWhatFluentAccepts() {
        sentBy(client.findCustomerByUsername("ann@example.com"));
    }

    @Test
    void theDefaultGraphQlRequestSendsWhatFluentAccepts() {
        sentBy(client.execute((String) GraphQlRequest.getClassSchema().getField("query").defaultVal(), Map.of(), null));
    }

    /**
     * Waits for the call, then checks every GraphQL request it sent against Fluent's schema, and returns the last: the
     * first create-customer call also looks up the connection's fallback retailer before it creates.
     */
    private static RecordedRequest sentBy(CompletableFuture<?> call) {
        try {
            call.handle((answer, failure) -> null).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the call did not finish", e);
        }
        List<RecordedRequest> requests = simulator.graphQlRequests();
        assertThat(requests).isNotEmpty();
        simulator.clearRecordedRequests();
        for (RecordedRequest sent : requests) {
            assertThat(fluentSchema.requestErrors(sent.query(), sent.operationName(), sent.variables()))
                    .as("%s with variables %s", sent.query(), sent.variables())
                    .isEmpty();
        }
        return requests.get(requests.size() - 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> input(RecordedRequest sent) {
        return (Map<String, Object>) sent.variables().get("input");
    }

    private static CustomerDraft customer(String email, String timezone, List<AttributeInput> attributes) {
        return new CustomerDraft(null, null, email, "Ann", "Lee", "+61 2 9999 0000", "AU", timezone, true, attributes);
    }

}
