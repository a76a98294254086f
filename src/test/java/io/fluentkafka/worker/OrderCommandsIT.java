package io.fluentkafka.worker;

import io.fluentkafka.worker.avro.CommandType;
import io.fluentkafka.worker.avro.CreateOrder;
import io.fluentkafka.worker.avro.CreateOrderAndCustomer;
import io.fluentkafka.worker.avro.ErrorCategory;
import io.fluentkafka.worker.avro.FulfilmentChoice;
import io.fluentkafka.worker.avro.OrderAndCustomerResult;
import io.fluentkafka.worker.avro.OrderResult;
import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.ReplyDetail;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.avro.UpdateOrder;
import io.fluentkafka.worker.operation.OrderSamples;
import io.fluentkafka.worker.support.RunningWorker;
import io.fluentkafka.worker.support.fluent.RecordedRequest;
import io.fluentkafka.worker.support.logging.CapturedLogs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The order kinds end to end: Avro on a real broker, the worker, the Fluent simulator over HTTP, replies, dead letters. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderCommandsIT {

    private static RunningWorker worker;

    @BeforeAll
    static void start() {
        worker = RunningWorker.start("orders");
    }

    @AfterAll
    static void stop() throws Exception {
        worker.close();
    }

    @Test
    void createsAnOrderForACustomerNamedByUsernameThenFindsItWhenTheRefComesAgain() {
        String username = newId();
        String customerId = (String) worker.fluent().addCustomer(username, username + "@example.com", "Jane").orElseThrow().get("id");
        String ref = "HD-" + newId();
        String first = newId();
        String again = newId();

        worker.producer().send(worker.topic("create-order"), ref, OrderSamples.createOrder(first, ref, username).build());
        Reply created = worker.awaitReply(first);
        worker.producer().send(worker.topic("create-order"), ref, OrderSamples.createOrder(again, ref, null).setCustomerId(customerId).build());
        Reply repeated = worker.awaitReply(again);

        assertThat(created.getCommandType()).isEqualTo(CommandType.CREATE_ORDER);
        assertThat(created.getDetail()).isEqualTo(ReplyDetail.CREATED);
        assertThat(created.getAttempts()).as("the username's look-up, then the create").isEqualTo(2);
        OrderResult order = (OrderResult) created.getResult();
        assertThat(order.getRef()).isEqualTo(ref);
        assertThat(order.getType()).isEqualTo("HD");
        assertThat(order.getStatus()).isEqualTo("CREATED");
        assertThat(order.getRetailerId()).isEqualTo(worker.fluent().account().retailerId());
        assertThat(order.getCustomerId()).isEqualTo(customerId);
        assertThat(order.getCustomerUsername()).isEqualTo(username);
        assertThat(order.getTotalPrice()).isEqualTo(59.95);
        assertThat(repeated.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        assertThat(repeated.getDetail()).isEqualTo(ReplyDetail.ALREADY_EXISTS);
        assertThat(((OrderResult) repeated.getResult()).getId()).isEqualTo(order.getId());
        assertThat(worker.lastGraphQl("createOrder(").variables().get("input")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("customer", Map.of("id", customerId));
    }

    @Test
    void aRefTakenByAnotherCustomersOrderIsNotAlreadyExists() {
        String owner = newId();
        String other = newId();
        worker.fluent().addCustomer(owner, owner + "@example.com", "Olga");
        worker.fluent().addCustomer(other, other + "@example.com", "Otto");
        String ref = "HD-" + newId();
        String first = newId();
        String second = newId();

        worker.producer().send(worker.topic("create-order"), ref, OrderSamples.createOrder(first, ref, owner).build());
        worker.awaitReply(first);
        worker.producer().send(worker.topic("create-order"), ref, OrderSamples.createOrder(second, ref, other).build());
        Reply reply = worker.awaitReply(second);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.FAILED);
        assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.FLUENT_REJECTED);
        assertThat(reply.getError().getFluentErrors()).extracting(io.fluentkafka.worker.avro.FluentError::getCode).containsExactly("C0121E");
        worker.awaitDeadLetter("create-order", "dlt.command-id", second);
    }

    @Test
    void failsAndDeadLettersAnOrderForAnUnknownUsername() {
        String ref = "HD-" + newId();
        String id = newId();

        worker.producer().send(worker.topic("create-order"), ref, OrderSamples.createOrder(id, ref, "nobody-" + id).build());
        Reply reply = worker.awaitReply(id);
        ConsumerRecord<byte[], byte[]> deadLetter = worker.awaitDeadLetter("create-order", "dlt.command-id", id);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.FAILED);
        assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.FLUENT_REJECTED);
        assertThat(reply.getError().getMessage()).contains("no customer with username");
        assertThat(reply.getAttempts()).isEqualTo(1);
        assertThat(RunningWorker.header(deadLetter, "dlt.error.stage")).isEqualTo("fluent");
        assertThat(worker.fluent().order(ref)).isEmpty();
    }

    @Test
    void rejectsAnInvalidOrderBeforeCallingFluent() {
        String id = newId();
        int graphQlCallsBefore = worker.fluent().graphQlRequests().size();
        CreateOrder collectedWithoutLocation = OrderSamples.createOrder(id, "CC-" + id, "jane").setType("CC")
                .setFulfilmentChoice(FulfilmentChoice.newBuilder().build()).build();

        worker.producer().send(worker.topic("create-order"), id, collectedWithoutLocation);
        Reply reply = worker.awaitReply(id);
        ConsumerRecord<byte[], byte[]> deadLetter = worker.awaitDeadLetter("create-order", "dlt.command-id", id);

        assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.VALIDATION);
        assertThat(reply.getError().getMessage()).contains("fulfilmentChoice.pickupLocationRef is required for a CC order");
        assertThat(reply.getAttempts()).isZero();
        assertThat(RunningWorker.header(deadLetter, "dlt.error.stage")).isEqualTo("validate");
        assertThat(worker.fluent().graphQlRequests()).hasSize(graphQlCallsBefore);
    }

    @Test
    void retriesTheFailedStepAloneAfterATransientFault() {
        String username = newId();
        worker.fluent().addCustomer(username, username + "@example.com", "Jane");
        String ref = "HD-" + newId();
        String id = newId();
        worker.fluent().failNextGraphQl(1, 503);

        worker.producer().send(worker.topic("create-order"), ref, OrderSamples.createOrder(id, ref, username).build());
        Reply reply = worker.awaitReply(id);

        assertThat(reply.getDetail()).isEqualTo(ReplyDetail.CREATED);
        assertThat(reply.getAttempts()).as("the look-up twice (a 503, then found), the create once").isEqualTo(3);
        assertThat(graphQl(ref, "createOrder(")).hasSize(1);
    }

    @Test
    void createsAnOrderAndItsCustomerThenFindsBothWhenTheRefComesAgain() {
        String ref = "CC-" + newId();
        String email = newId() + "@example.com";
        String first = newId();
        String again = newId();
        worker.fluent().failNextGraphQl(1, 503);

        worker.producer().send(worker.topic("create-order-and-customer"), ref, OrderSamples.createOrderAndCustomer(first, ref, email).build());
        Reply created = worker.awaitReply(first);
        worker.producer().send(worker.topic("create-order-and-customer"), ref, OrderSamples.createOrderAndCustomer(again, ref, email).build());
        Reply repeated = worker.awaitReply(again);

        assertThat(created.getCommandType()).isEqualTo(CommandType.CREATE_ORDER_AND_CUSTOMER);
        assertThat(created.getDetail()).isEqualTo(ReplyDetail.CREATED);
        assertThat(created.getAttempts()).as("a 503, then the create").isEqualTo(2);
        OrderAndCustomerResult result = (OrderAndCustomerResult) created.getResult();
        assertThat(result.getOrder().getRef()).isEqualTo(ref);
        assertThat(result.getOrder().getType()).isEqualTo("CC");
        assertThat(result.getCustomer().getUsername()).isEqualTo(email);
        assertThat(result.getOrder().getCustomerId()).isEqualTo(result.getCustomer().getId());
        assertThat(worker.fluent().customerByUsername(email).orElseThrow().get("timezone")).as("the connection's default").isNotNull();
        assertThat(repeated.getDetail()).isEqualTo(ReplyDetail.ALREADY_EXISTS);
        assertThat(repeated.getResult()).isEqualTo(result);
    }

    @Test
    void rejectsAnOrderWhoseNewCustomerIsInvalid() {
        String id = newId();
        CreateOrderAndCustomer command = OrderSamples.createOrderAndCustomer(id, "CC-" + id, "not-an-email").build();

        worker.producer().send(worker.topic("create-order-and-customer"), id, command);
        Reply reply = worker.awaitReply(id);

        assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.VALIDATION);
        assertThat(reply.getError().getMessage()).contains("customer.primaryEmail is not a valid email address");
        worker.awaitDeadLetter("create-order-and-customer", "dlt.command-id", id);
    }

    @Test
    void updatesAnOrderFoundByRefAfterATransientFault() {
        String ref = "HD-" + newId();
        worker.fluent().addOrder(ref, "HD");
        String id = newId();
        worker.fluent().failNextGraphQl(1, 503);

        worker.producer().send(worker.topic("update-order"), ref, OrderSamples.updateOrder(id, ref).build());
        Reply reply = worker.awaitReply(id);

        assertThat(reply.getCommandType()).isEqualTo(CommandType.UPDATE_ORDER);
        assertThat(reply.getDetail()).isEqualTo(ReplyDetail.UPDATED);
        assertThat(reply.getAttempts()).as("the look-up twice (a 503, then found), the update once").isEqualTo(3);
        OrderResult order = (OrderResult) reply.getResult();
        assertThat(order.getStatus()).isEqualTo("BOOKED");
        assertThat(order.getTotalPrice()).isEqualTo(49.95);
        assertThat(worker.fluent().order(ref).orElseThrow().get("attributes"))
                .isEqualTo(List.of(Map.of("name", "giftWrap", "type", "BOOLEAN", "value", true)));
        assertThat(graphQl(order.getId(), "updateOrder(")).hasSize(1);
    }

    @Test
    void failsAndDeadLettersAnUpdateOfAnUnknownRef() {
        String ref = "HD-" + newId();
        String id = newId();
        int graphQlCallsBefore = worker.fluent().graphQlRequests().size();

        worker.producer().send(worker.topic("update-order"), ref, OrderSamples.updateOrder(id, ref).build());
        Reply reply = worker.awaitReply(id);
        ConsumerRecord<byte[], byte[]> deadLetter = worker.awaitDeadLetter("update-order", "dlt.command-id", id);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.FAILED);
        assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.FLUENT_REJECTED);
        assertThat(reply.getError().getMessage()).contains("order ref '" + ref + "' not found in Fluent");
        assertThat(reply.getAttempts()).isEqualTo(1);
        assertThat(RunningWorker.header(deadLetter, "dlt.error.category")).isEqualTo("FLUENT_REJECTED");
        List<RecordedRequest> calls = worker.fluent().graphQlRequests();
        assertThat(calls.subList(graphQlCallsBefore, calls.size())).as("the look-up alone").singleElement()
                .satisfies(r -> assertThat(r.query()).contains("order(ref:"));
    }

    @Test
    void rejectsAnUpdateThatChangesNothing() {
        String id = newId();

        worker.producer().send(worker.topic("update-order"), id, UpdateOrder.newBuilder().setCommandId(id).setRef("HD-1").build());
        Reply reply = worker.awaitReply(id);

        assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.VALIDATION);
        assertThat(reply.getAttempts()).isZero();
        worker.awaitDeadLetter("update-order", "dlt.command-id", id);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void neverLogsOrPublishesPasswordsSecretsOrTokens() {
        assertThat(CapturedLogs.lines()).isNotEmpty();
        assertThat(worker.secretLeaks()).isEmpty();
    }

    /** The GraphQL requests whose document contains {@code marker} and whose body mentions {@code value}. */
    private static List<RecordedRequest> graphQl(String value, String marker) {
        return worker.fluent().graphQlRequests().stream()
                .filter(r -> r.query() != null && r.query().contains(marker) && r.body().contains(value)).toList();
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
