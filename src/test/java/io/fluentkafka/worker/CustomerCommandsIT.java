package io.fluentkafka.worker;

import io.fluentkafka.worker.avro.Attribute;
import io.fluentkafka.worker.avro.CommandType;
import io.fluentkafka.worker.avro.CreateCustomer;
import io.fluentkafka.worker.avro.CustomerResult;
import io.fluentkafka.worker.avro.ErrorCategory;
import io.fluentkafka.worker.avro.GetCurrentUser;
import io.fluentkafka.worker.avro.GetCustomerByEmail;
import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.ReplyDetail;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.avro.UpdateCustomer;
import io.fluentkafka.worker.avro.UpsertCustomer;
import io.fluentkafka.worker.support.RunningWorker;
import io.fluentkafka.worker.support.fluent.RecordedRequest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer kinds end to end (Avro on a real broker, the worker, the Fluent simulator over HTTP): create, find by
 * e-mail, update and upsert, with their duplicate and not-found paths, validation failures and retried steps.
 */
class CustomerCommandsIT {

    private static RunningWorker worker;

    @BeforeAll
    static void start() {
        worker = RunningWorker.start("customers");
    }

    @AfterAll
    static void stop() throws Exception {
        worker.close();
    }

    @Test
    void createsCustomerAndRepliesWithIt() {
        String id = newId();
        worker.producer().send(worker.topic("create-customer"), "jane@example.com", CreateCustomer.newBuilder()
                .setCommandId(id).setCorrelationId("corr-1").setPrimaryEmail("jane@example.com").setFirstName("Jane")
                .setLastName("Doe").setTimezone("Australia/Sydney")
                .setAttributes(List.of(new Attribute("loyalty", "JSON", "{\"tier\":\"gold\"}"))).build());

        Reply reply = worker.awaitReply(id);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        assertThat(reply.getDetail()).isEqualTo(ReplyDetail.CREATED);
        assertThat(reply.getCorrelationId()).isEqualTo("corr-1");
        assertThat(reply.getCommandType().name()).isEqualTo("CREATE_CUSTOMER");
        CustomerResult customer = (CustomerResult) reply.getResult();
        assertThat(customer.getUsername()).isEqualTo("jane@example.com");
        assertThat(customer.getRetailerId()).isEqualTo("1");
        assertThat(worker.fluent().customerByUsername("jane@example.com")).isPresent();

        RecordedRequest sent = worker.lastGraphQl("createCustomer");
        assertThat(sent.query()).doesNotContain("jane@example.com");
        @SuppressWarnings("unchecked")
        Map<String, Object> input = (Map<String, Object>) sent.variables().get("input");
        assertThat(input).containsEntry("username", "jane@example.com").containsEntry("primaryEmail", "jane@example.com")
                .containsEntry("firstName", "Jane").containsEntry("promotionOptIn", false)
                .containsEntry("timezone", "Australia/Sydney")
                .containsEntry("retailer", Map.of("id", "1")).doesNotContainKey("ref");
        assertThat(input.get("attributes")).isEqualTo(List.of(Map.of("name", "loyalty", "type", "JSON", "value", Map.of("tier", "gold"))));
        assertThat(sent.authorization()).startsWith("Bearer ");
    }

    @Test
    void findsCustomerByEmailOrRepliesNotFound() {
        String created = newId();
        worker.producer().send(worker.topic("create-customer"), "sam@example.com", CreateCustomer.newBuilder()
                .setCommandId(created).setPrimaryEmail("sam@example.com").setFirstName("Sam").build());
        worker.awaitReply(created);
        String found = newId();
        String missing = newId();
        worker.producer().send(worker.topic("get-customer-by-email"), "sam@example.com",
                GetCustomerByEmail.newBuilder().setCommandId(found).setPrimaryEmail("sam@example.com").build());
        worker.producer().send(worker.topic("get-customer-by-email"), "ghost@example.com",
                GetCustomerByEmail.newBuilder().setCommandId(missing).setPrimaryEmail("ghost@example.com").build());

        Reply foundReply = worker.awaitReply(found);
        Reply missingReply = worker.awaitReply(missing);

        assertThat(foundReply.getDetail()).isEqualTo(ReplyDetail.FOUND);
        assertThat(((CustomerResult) foundReply.getResult()).getPrimaryEmail()).isEqualTo("sam@example.com");
        assertThat(missingReply.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        assertThat(missingReply.getDetail()).isEqualTo(ReplyDetail.NOT_FOUND);
        assertThat(missingReply.getResult()).isNull();
    }

    @Test
    void repliesAlreadyExistsWithTheExistingCustomerForADuplicateCreate() {
        String first = newId();
        String second = newId();
        CreateCustomer.Builder command = CreateCustomer.newBuilder().setPrimaryEmail("dup@example.com").setFirstName("Dup");
        worker.producer().send(worker.topic("create-customer"), "dup@example.com", command.setCommandId(first).build());
        worker.producer().send(worker.topic("create-customer"), "dup@example.com", command.setCommandId(second).build());

        Reply created = worker.awaitReply(first);
        Reply duplicate = worker.awaitReply(second);

        assertThat(created.getDetail()).isEqualTo(ReplyDetail.CREATED);
        assertThat(duplicate.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        assertThat(duplicate.getDetail()).isEqualTo(ReplyDetail.ALREADY_EXISTS);
        assertThat(((CustomerResult) duplicate.getResult()).getId()).isEqualTo(((CustomerResult) created.getResult()).getId());
    }

    @Test
    void updatesACustomerSendingOnlyTheFieldsTheCommandSets() {
        worker.fluent().addCustomer("ann@example.com", "ann@example.com", "Ann");
        String id = newId();
        worker.producer().send(worker.topic("update-customer"), "ann@example.com", UpdateCustomer.newBuilder().setCommandId(id)
                .setUsername("ann@example.com").setLastName("Lee").setPromotionOptIn(true)
                .setAttributes(List.of(new Attribute("points", "INTEGER", "7"))).build());

        Reply reply = worker.awaitReply(id);

        assertThat(reply.getCommandType()).isEqualTo(CommandType.UPDATE_CUSTOMER);
        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        assertThat(reply.getDetail()).isEqualTo(ReplyDetail.UPDATED);
        assertThat((CustomerResult) reply.getResult()).extracting(CustomerResult::getUsername, CustomerResult::getFirstName,
                CustomerResult::getLastName, CustomerResult::getRetailerId).containsExactly("ann@example.com", "Ann", "Lee", "1");
        RecordedRequest sent = worker.lastGraphQl("updateCustomer");
        assertThat(sent.query()).doesNotContain("ann@example.com");
        assertThat(sent.variables().get("input")).isEqualTo(Map.of("username", "ann@example.com", "lastName", "Lee",
                "promotionOptIn", true, "attributes", List.of(Map.of("name", "points", "type", "INTEGER", "value", 7))));
        assertThat(worker.fluent().customerByUsername("ann@example.com").orElseThrow())
                .containsEntry("firstName", "Ann").containsEntry("lastName", "Lee").containsEntry("promotionOptIn", true);
    }

    @Test
    void failsAndDeadLettersAnUpdateOfAnUnknownUsername() {
        String id = newId();
        worker.producer().send(worker.topic("update-customer"), "nobody@example.com", UpdateCustomer.newBuilder().setCommandId(id)
                .setUsername("nobody@example.com").setFirstName("No").build());

        Reply reply = worker.awaitReply(id);
        ConsumerRecord<byte[], byte[]> deadLetter = worker.awaitDeadLetter("update-customer", "dlt.command-id", id);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.FAILED);
        assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.FLUENT_REJECTED);
        assertThat(reply.getError().getFluentErrors()).extracting(io.fluentkafka.worker.avro.FluentError::getCode).containsExactly("C0120E");
        assertThat(reply.getAttempts()).isEqualTo(1);
        assertThat(RunningWorker.header(deadLetter, "dlt.error.stage")).isEqualTo("fluent");
        assertThat(RunningWorker.header(deadLetter, "dlt.error.category")).isEqualTo("FLUENT_REJECTED");
        assertThat(worker.fluent().customerByUsername("nobody@example.com")).isEmpty();
    }

    @Test
    void upsertNeverUpdatesAnotherRetailersCustomer() {
        worker.fluent().addCustomerOfRetailer("zoe@example.com", "99");
        String id = newId();
        worker.producer().send(worker.topic("upsert-customer"), "zoe@example.com", UpsertCustomer.newBuilder().setCommandId(id)
                .setPrimaryEmail("zoe@example.com").setFirstName("Zed").build());

        Reply reply = worker.awaitReply(id);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.FAILED);
        assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.FLUENT_REJECTED);
        assertThat(reply.getError().getMessage()).contains("taken by a customer of another retailer");
        assertThat(worker.fluent().customerByUsername("zoe@example.com").orElseThrow()).containsEntry("firstName", "Other");
        worker.awaitDeadLetter("upsert-customer", "dlt.command-id", id);
    }

    @Test
    void upsertCreatesACustomerThenUpdatesIt() {
        String first = newId();
        String second = newId();
        worker.producer().send(worker.topic("upsert-customer"), "una@example.com", UpsertCustomer.newBuilder().setCommandId(first)
                .setPrimaryEmail("una@example.com").setFirstName("Una").setTimezone("Europe/Paris").setPromotionOptIn(true).build());
        worker.producer().send(worker.topic("upsert-customer"), "una@example.com", UpsertCustomer.newBuilder().setCommandId(second)
                .setPrimaryEmail("una@example.com").setFirstName("Uma").setLastName("Ng").build());

        Reply created = worker.awaitReply(first);
        Reply updated = worker.awaitReply(second);

        assertThat(created.getCommandType()).isEqualTo(CommandType.UPSERT_CUSTOMER);
        assertThat(created.getDetail()).isEqualTo(ReplyDetail.CREATED);
        assertThat(updated.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        assertThat(updated.getDetail()).isEqualTo(ReplyDetail.UPDATED);
        assertThat(updated.getAttempts()).as("a create refused as a duplicate, then the update").isEqualTo(2);
        CustomerResult customer = (CustomerResult) updated.getResult();
        assertThat(customer.getId()).isEqualTo(((CustomerResult) created.getResult()).getId());
        assertThat(customer.getFirstName()).isEqualTo("Uma");
        assertThat(customer.getLastName()).isEqualTo("Ng");
        assertThat(worker.fluent().customerByUsername("una@example.com").orElseThrow())
                .as("what the update left out stays").containsEntry("timezone", "Europe/Paris").containsEntry("promotionOptIn", true);
        assertThat(worker.lastGraphQl("updateCustomer").variables().get("input")).isEqualTo(Map.of("username", "una@example.com",
                "firstName", "Uma", "lastName", "Ng", "primaryEmail", "una@example.com"));
    }

    @Test
    void rejectsAnInvalidUpdateBeforeCallingFluentAndDeadLettersIt() {
        String id = newId();
        int graphQlCallsBefore = worker.fluent().graphQlRequests().size();
        worker.producer().send(worker.topic("update-customer"), "bad-update", UpdateCustomer.newBuilder().setCommandId(id)
                .setUsername("").setPrimaryEmail("not-an-email").setPrimaryPhone("1".repeat(21)).build());

        Reply reply = worker.awaitReply(id);
        ConsumerRecord<byte[], byte[]> deadLetter = worker.awaitDeadLetter("update-customer", "dlt.command-id", id);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.FAILED);
        assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.VALIDATION);
        assertThat(reply.getError().getMessage()).contains("username is required")
                .contains("primaryEmail is not a valid email address").contains("primaryPhone is 21 characters long");
        assertThat(reply.getAttempts()).isZero();
        assertThat(RunningWorker.header(deadLetter, "dlt.error.stage")).isEqualTo("validate");
        assertThat(worker.fluent().graphQlRequests().stream().skip(graphQlCallsBefore)
                .anyMatch(r -> r.body().contains("not-an-email"))).isFalse();
    }

    @Test
    void retriesATransientFailureOfAnUpdateAndOfAnUpsertsSteps() {
        runCurrentUser();
        worker.fluent().addCustomer("rey@example.com", "rey@example.com", "Rey");
        worker.fluent().failNextGraphQl(1, 503);
        String update = newId();
        worker.producer().send(worker.topic("update-customer"), "rey@example.com", UpdateCustomer.newBuilder().setCommandId(update)
                .setUsername("rey@example.com").setLastName("Sky").build());

        Reply updated = worker.awaitReply(update);

        assertThat(updated.getDetail()).isEqualTo(ReplyDetail.UPDATED);
        assertThat(updated.getAttempts()).isEqualTo(2);
        worker.fluent().failNextGraphQl(1, 503);
        String upsert = newId();
        worker.producer().send(worker.topic("upsert-customer"), "rey@example.com", UpsertCustomer.newBuilder().setCommandId(upsert)
                .setPrimaryEmail("rey@example.com").setFirstName("Reya").build());

        Reply upserted = worker.awaitReply(upsert);

        assertThat(upserted.getDetail()).isEqualTo(ReplyDetail.UPDATED);
        assertThat(upserted.getAttempts()).as("the create failed (503), refused as a duplicate, then the update").isEqualTo(3);
        assertThat(worker.fluent().customerByUsername("rey@example.com").orElseThrow())
                .containsEntry("firstName", "Reya").containsEntry("lastName", "Sky");
    }

    private static void runCurrentUser() {
        String id = newId();
        worker.producer().send(worker.topic("get-current-user"), id, GetCurrentUser.newBuilder().setCommandId(id).build());
        worker.awaitReply(id);
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
