package io.fluentkafka.worker;

import io.fluentkafka.worker.avro.Attribute;
import io.fluentkafka.worker.avro.CreateCustomer;
import io.fluentkafka.worker.avro.CommandType;
import io.fluentkafka.worker.avro.CreateProduct;
import io.fluentkafka.worker.avro.CustomerResult;
import io.fluentkafka.worker.avro.ErrorCategory;
import io.fluentkafka.worker.avro.EventMode;
import io.fluentkafka.worker.avro.EventResult;
import io.fluentkafka.worker.avro.GetCurrentUser;
import io.fluentkafka.worker.avro.GetCustomerByEmail;
import io.fluentkafka.worker.avro.GetProduct;
import io.fluentkafka.worker.avro.GraphQlRequest;
import io.fluentkafka.worker.avro.GraphQlResult;
import io.fluentkafka.worker.avro.ProductKind;
import io.fluentkafka.worker.avro.ProductResult;
import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.ReplyDetail;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.avro.SendEvent;
import io.fluentkafka.worker.avro.UpdateCustomer;
import io.fluentkafka.worker.avro.UpsertCustomer;
import io.fluentkafka.worker.avro.UserResult;
import io.fluentkafka.worker.support.RunningWorker;
import io.fluentkafka.worker.support.fluent.RecordedRequest;
import io.fluentkafka.worker.support.logging.CapturedLogs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every command kind end to end: Avro on a real broker, the worker, the Fluent simulator over HTTP, replies. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FluentKafkaWorkerIT {

    private static RunningWorker worker;

    @BeforeAll
    static void start() {
        worker = RunningWorker.start("e2e");
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

        RecordedRequest sent = lastGraphQl("createCustomer");
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
    void createsProductWithDefaultPrice() {
        String id = newId();
        worker.producer().send(worker.topic("create-product"), "SKU-1", CreateProduct.newBuilder()
                .setCommandId(id).setCatalogueRef("PC:MASTER:1").setRef("SKU-1").setName("Shirt").setGtin("0123456789012")
                .setPriceCurrency("AUD").setPriceValue(49.95).build());

        Reply reply = worker.awaitReply(id);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        assertThat(reply.getDetail()).isEqualTo(ReplyDetail.CREATED);
        ProductResult product = (ProductResult) reply.getResult();
        assertThat(product.getRef()).isEqualTo("SKU-1");
        assertThat(product.getCatalogueRef()).isEqualTo("PC:MASTER:1");
        assertThat(product.getType()).isEqualTo("STANDARD");
        @SuppressWarnings("unchecked")
        Map<String, Object> input = (Map<String, Object>) lastGraphQl("createStandardProduct").variables().get("input");
        assertThat(input).containsEntry("catalogue", Map.of("ref", "PC:MASTER:1")).containsEntry("gtin", "0123456789012");
        assertThat(input.get("prices")).isEqualTo(List.of(Map.of("type", "DEFAULT", "currency", "AUD", "value", 49.95)));
    }

    @Test
    void runsTheDefaultGraphQlQuery() {
        String id = newId();
        worker.producer().send(worker.topic("graphql-request"), "q-1", GraphQlRequest.newBuilder().setCommandId(id).build());

        Reply reply = worker.awaitReply(id);

        assertThat(reply.getDetail()).isEqualTo(ReplyDetail.EXECUTED);
        assertThat(((GraphQlResult) reply.getResult()).getJson()).contains("\"username\":\"worker@acme.test\"");
    }

    @Test
    void passesGraphQlVariablesThrough() {
        String id = newId();
        worker.producer().send(worker.topic("graphql-request"), "q-2", GraphQlRequest.newBuilder().setCommandId(id)
                .setQuery("query Find($emails: [String]) { customers(primaryEmail: $emails) { edges { node { id } } } }")
                .setVariables("{\"emails\":[\"nobody@example.com\"]}").setOperationName("Find").build());

        Reply reply = worker.awaitReply(id);

        assertThat(reply.getDetail()).isEqualTo(ReplyDetail.EXECUTED);
        RecordedRequest sent = lastGraphQl("Find");
        assertThat(sent.variables()).isEqualTo(Map.of("emails", List.of("nobody@example.com")));
        assertThat(sent.operationName()).isEqualTo("Find");
    }

    @Test
    void returnsTheCurrentUser() {
        String id = newId();
        worker.producer().send(worker.topic("get-current-user"), "me", GetCurrentUser.newBuilder().setCommandId(id).build());

        Reply reply = worker.awaitReply(id);

        assertThat(reply.getDetail()).isEqualTo(ReplyDetail.FOUND);
        UserResult user = (UserResult) reply.getResult();
        assertThat(user.getUsername()).isEqualTo("worker@acme.test");
        assertThat(user.getPrimaryRetailerId()).isEqualTo("1");
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
    void getsAStandardOrAVariantProductOrRepliesNotFound() {
        String created = newId();
        worker.producer().send(worker.topic("create-product"), "SKU-GP", CreateProduct.newBuilder().setCommandId(created)
                .setCatalogueRef("PC:MASTER:1").setRef("SKU-GP").setName("Tee").setGtin("0001").build());
        worker.awaitReply(created);
        worker.fluent().addVariantProduct("PC:MASTER:1", "SKU-GP", "Tee, red, M", "0002");
        String standard = newId();
        String variant = newId();
        String missing = newId();
        GetProduct.Builder lookup = GetProduct.newBuilder().setCatalogueRef("PC:MASTER:1").setRef("SKU-GP");
        worker.producer().send(worker.topic("get-product"), "SKU-GP", lookup.setCommandId(standard).build());
        worker.producer().send(worker.topic("get-product"), "SKU-GP", lookup.setCommandId(variant).setProductKind(ProductKind.VARIANT).build());
        worker.producer().send(worker.topic("get-product"), "SKU-NONE", lookup.setCommandId(missing).setRef("SKU-NONE").build());

        Reply standardReply = worker.awaitReply(standard);
        Reply variantReply = worker.awaitReply(variant);
        Reply missingReply = worker.awaitReply(missing);

        assertThat(standardReply.getCommandType()).isEqualTo(CommandType.GET_PRODUCT);
        assertThat(standardReply.getDetail()).isEqualTo(ReplyDetail.FOUND);
        assertThat((ProductResult) standardReply.getResult()).extracting(ProductResult::getName, ProductResult::getGtin,
                ProductResult::getCatalogueRef).containsExactly("Tee", "0001", "PC:MASTER:1");
        assertThat(variantReply.getDetail()).isEqualTo(ReplyDetail.FOUND);
        assertThat((ProductResult) variantReply.getResult()).extracting(ProductResult::getName, ProductResult::getType)
                .containsExactly("Tee, red, M", "VARIANT");
        assertThat(missingReply.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        assertThat(missingReply.getDetail()).isEqualTo(ReplyDetail.NOT_FOUND);
        assertThat(missingReply.getResult()).isNull();
    }

    @Test
    void failsAProductLookupThatFluentAnswersWithErrorsInsteadOfSayingNotFound() {
        worker.fluent().denyVariantProductReads(true);
        String id = newId();
        try {
            worker.producer().send(worker.topic("get-product"), "SKU-DENIED", GetProduct.newBuilder().setCommandId(id)
                    .setCatalogueRef("PC:MASTER:1").setRef("SKU-DENIED").setProductKind(ProductKind.VARIANT).build());

            Reply reply = worker.awaitReply(id);

            assertThat(reply.getStatus()).isEqualTo(ReplyStatus.FAILED);
            assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.FLUENT_REJECTED);
            assertThat(reply.getError().getFluentErrors()).extracting(io.fluentkafka.worker.avro.FluentError::getCode).containsExactly("C0020E");
            worker.awaitDeadLetter("get-product", "dlt.command-id", id);
        } finally {
            worker.fluent().denyVariantProductReads(false);
        }
    }

    @Test
    void rejectsInvalidCommandBeforeCallingFluentAndDeadLettersIt() {
        String id = newId();
        int graphQlCallsBefore = worker.fluent().graphQlRequests().size();
        worker.producer().send(worker.topic("create-customer"), "bad", CreateCustomer.newBuilder()
                .setCommandId(id).setPrimaryEmail("not-an-email").setFirstName("X").setRetailerId("abc").build());

        Reply reply = worker.awaitReply(id);
        ConsumerRecord<byte[], byte[]> deadLetter = worker.awaitDeadLetter("create-customer", "dlt.command-id", id);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.FAILED);
        assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.VALIDATION);
        assertThat(reply.getError().getMessage()).contains("primaryEmail is not a valid email address").contains("retailerId must be a number");
        assertThat(reply.getAttempts()).isZero();
        assertThat(RunningWorker.header(deadLetter, "dlt.error.category")).isEqualTo("VALIDATION");
        assertThat(RunningWorker.header(deadLetter, "dlt.error.stage")).isEqualTo("validate");
        assertThat(RunningWorker.header(deadLetter, "dlt.original.topic")).isEqualTo(worker.topic("create-customer"));
        assertThat(RunningWorker.header(deadLetter, "dlt.original.consumer-group")).isEqualTo("e2e-worker");
        assertThat(RunningWorker.header(deadLetter, "dlt.original.offset")).matches("\\d+");
        assertThat(new String(deadLetter.key(), StandardCharsets.UTF_8)).isEqualTo("bad");
        assertThat(worker.fluent().graphQlRequests().stream().skip(graphQlCallsBefore)
                .anyMatch(r -> r.body().contains("not-an-email"))).isFalse();
    }

    @Test
    void failsAndDeadLettersWhatFluentRejects() {
        String id = newId();
        worker.producer().send(worker.topic("create-product"), "SKU-X", CreateProduct.newBuilder()
                .setCommandId(id).setCatalogueRef("PC:NOPE").setRef("SKU-X").setName("Ghost").setGtin("1").build());

        Reply reply = worker.awaitReply(id);
        ConsumerRecord<byte[], byte[]> deadLetter = worker.awaitDeadLetter("create-product", "dlt.command-id", id);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.FAILED);
        assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.FLUENT_REJECTED);
        assertThat(reply.getError().getFluentErrors()).anySatisfy(e -> assertThat(e.getCode()).isEqualTo("C0120E"));
        assertThat(reply.getAttempts()).isEqualTo(1);
        assertThat(RunningWorker.header(deadLetter, "dlt.error.stage")).isEqualTo("fluent");
        assertThat(RunningWorker.header(deadLetter, "dlt.error.class")).endsWith("FluentRejectedException");
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

    /** Fluent's duplicate error quotes the username; text in it that looks like a token error must not renew tokens. */
    @Test
    void aDuplicateWhoseUsernameQuotesTokenErrorTextIsNotATokenExpiry() {
        runCurrentUser();
        String email = "invalid_token.S0040E.access-token-expired@example.com";
        int tokenRequestsBefore = worker.fluent().tokenRequests().size();
        List<String> ids = IntStream.range(0, 3).mapToObj(i -> newId()).toList();
        ids.forEach(id -> worker.producer().send(worker.topic("create-customer"), email,
                CreateCustomer.newBuilder().setCommandId(id).setPrimaryEmail(email).setFirstName("Tok").build()));

        List<Reply> replies = ids.stream().map(worker::awaitReply).toList();

        assertThat(replies).extracting(Reply::getDetail)
                .containsExactly(ReplyDetail.CREATED, ReplyDetail.ALREADY_EXISTS, ReplyDetail.ALREADY_EXISTS);
        assertThat(worker.fluent().tokenRequests().size() - tokenRequestsBefore).as("token requests").isZero();
    }

    @Test
    void renewsAnExpiredTokenOnceWithoutFailingACommand() {
        runCurrentUser();
        for (boolean inBody : new boolean[] {false, true}) {
            worker.fluent().expiredTokenInBody(inBody);
            worker.fluent().expireAllTokens();
            int tokenRequestsBefore = worker.fluent().tokenRequests().size();

            List<String> ids = IntStream.range(0, 5).mapToObj(i -> newId()).toList();
            ids.forEach(id -> worker.producer().send(worker.topic("get-current-user"), id, GetCurrentUser.newBuilder().setCommandId(id).build()));

            assertThat(ids).allSatisfy(id -> assertThat(worker.awaitReply(id).getStatus()).isEqualTo(ReplyStatus.SUCCEEDED));
            assertThat(worker.fluent().tokenRequests().size() - tokenRequestsBefore).as("token requests (in body: %s)", inBody).isEqualTo(1);
        }
        worker.fluent().expiredTokenInBody(false);
    }

    @Test
    void requestsOneTokenWhenManyCommandsNeedOneAtOnce() {
        int tokenRequestsBefore = worker.fluent().tokenRequests().size();
        List<String> ids = IntStream.range(0, 30).mapToObj(i -> newId()).toList();
        ids.forEach(id -> worker.producer().send(worker.topic("get-current-user"), id,
                GetCurrentUser.newBuilder().setCommandId(id).setConnection("second").build()));

        assertThat(ids).allSatisfy(id -> assertThat(worker.awaitReply(id).getStatus()).isEqualTo(ReplyStatus.SUCCEEDED));
        assertThat(worker.fluent().tokenRequests().size() - tokenRequestsBefore).isEqualTo(1);
    }

    @Test
    void deadLettersAnUndecodableRecordAndGoesOnWithTheNextOne() {
        byte[] garbage = new byte[64];
        new Random(7).nextBytes(garbage);
        worker.producer().sendRaw(worker.topic("get-current-user"), "same-key", garbage, new RecordHeaders());
        String good = newId();
        worker.producer().send(worker.topic("get-current-user"), "same-key", GetCurrentUser.newBuilder().setCommandId(good).build());

        assertThat(worker.awaitReply(good).getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        ConsumerRecord<byte[], byte[]> deadLetter = await().atMost(Duration.ofSeconds(30)).until(
                () -> worker.records(worker.topic("get-current-user") + ".dlt").stream()
                        .filter(r -> java.util.Arrays.equals(r.value(), garbage)).findFirst(), java.util.Optional::isPresent).get();
        assertThat(RunningWorker.header(deadLetter, "dlt.error.stage")).isEqualTo("decode");
        assertThat(RunningWorker.header(deadLetter, "dlt.error.message")).contains("not Avro single-object encoding");
    }

    @Test
    void deadLettersAnotherCommandsSchemaOnTheWrongTopic() {
        String id = newId();
        worker.producer().send(worker.topic("get-current-user"), "wrong", GetCustomerByEmail.newBuilder().setCommandId(id).setPrimaryEmail("a@b.co").build());

        ConsumerRecord<byte[], byte[]> deadLetter = await().atMost(Duration.ofSeconds(30)).until(
                () -> worker.records(worker.topic("get-current-user") + ".dlt").stream()
                        .filter(r -> r.key() != null && "wrong".equals(new String(r.key(), StandardCharsets.UTF_8))).findFirst(),
                java.util.Optional::isPresent).get();
        assertThat(RunningWorker.header(deadLetter, "dlt.error.message")).contains("is a GetCustomerByEmail command, but this topic carries GetCurrentUser");
    }

    @Test
    void repliesToTheReplyTopicHeaderAndEchoesTheCorrelationHeader() {
        String id = newId();
        String replyTopic = "e2e.custom-replies";
        io.fluentkafka.worker.support.kafka.KafkaBroker.createTopics(replyTopic);
        worker.producer().send(worker.topic("get-current-user"), "hdr", GetCurrentUser.newBuilder().setCommandId(id).build(),
                Map.of("kafka_replyTopic", replyTopic, "kafka_correlationId", "abc-123"));

        ConsumerRecord<byte[], byte[]> reply = await().atMost(Duration.ofSeconds(30)).until(
                () -> worker.records(replyTopic).stream().filter(r -> RunningWorker.decode(r.value()).getCommandId().equals(id)).findFirst(),
                java.util.Optional::isPresent).get();
        assertThat(RunningWorker.header(reply, "kafka_correlationId")).isEqualTo("abc-123");
        assertThat(new String(reply.key(), StandardCharsets.UTF_8)).isEqualTo("hdr");
        assertThat(worker.findReply(id)).isEmpty();
    }

    @Test
    void failsACommandNamingAnUnknownConnection() {
        String id = newId();
        worker.producer().send(worker.topic("get-current-user"), "conn", GetCurrentUser.newBuilder().setCommandId(id).setConnection("eu").build());

        Reply reply = worker.awaitReply(id);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.FAILED);
        assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(reply.getError().getMessage()).contains("connection 'eu' is not configured");
        worker.awaitDeadLetter("get-current-user", "dlt.command-id", id);
    }

    @Test
    void retriesTransientFailuresAndSucceeds() {
        runCurrentUser();
        worker.fluent().failNextGraphQl(2, 503);
        String id = newId();
        worker.producer().send(worker.topic("get-current-user"), "retry", GetCurrentUser.newBuilder().setCommandId(id).build());

        Reply reply = worker.awaitReply(id);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        assertThat(reply.getAttempts()).isEqualTo(3);
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
        RecordedRequest sent = lastGraphQl("updateCustomer");
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
        assertThat(lastGraphQl("updateCustomer").variables().get("input")).isEqualTo(Map.of("username", "una@example.com",
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

    @Test
    void sendsAnAsyncEventAndASyncEventThatRepliesWithItsStatus() {
        String async = newId();
        String sync = newId();
        worker.producer().send(worker.topic("send-event"), "ON-1", cancelOrder(async).setAttributes("{\"cancelReason\":\"Stolen\"}").build());
        worker.producer().send(worker.topic("send-event"), "ON-1", cancelOrder(sync).setEntityId("143").setMode(EventMode.SYNC).build());

        Reply sent = worker.awaitReply(async);
        Reply executed = worker.awaitReply(sync);

        assertThat(sent.getCommandType()).isEqualTo(CommandType.SEND_EVENT);
        assertThat(sent.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        assertThat(sent.getDetail()).isEqualTo(ReplyDetail.SENT);
        assertThat((EventResult) sent.getResult()).satisfies(result -> {
            assertThat(result.getEventId()).isNotBlank();
            assertThat(result.getMode()).isEqualTo("ASYNC");
        });
        assertThat(eventsOf(async)).singleElement().satisfies(event -> assertThat(event)
                .containsEntry("name", "CancelOrder").containsEntry("entityType", "ORDER").containsEntry("entityRef", "ON-1")
                .containsEntry("retailerId", "1").containsEntry("attributes", Map.of("cancelReason", "Stolen", "fkwCommandId", async)));
        assertThat(executed.getDetail()).isEqualTo(ReplyDetail.EXECUTED);
        assertThat((EventResult) executed.getResult()).satisfies(result -> {
            assertThat(result.getEventStatus()).isEqualTo("COMPLETE");
            assertThat(result.getEntityId()).isEqualTo("143");
            assertThat(result.getMode()).isEqualTo("SYNC");
        });
        assertThat(worker.fluent().restRequests()).filteredOn(r -> r.body().contains(sync)).singleElement()
                .satisfies(r -> assertThat(r.path()).isEqualTo("/api/v4.1/event/sync"));
    }

    @Test
    void failsAndDeadLettersASyncEventNoWorkflowRuleMatchesWithoutRetrying() {
        String noMatch = newId();
        String notFound = newId();
        try {
            worker.fluent().syncEventStatus("NO_MATCH");
            worker.producer().send(worker.topic("send-event"), "ON-2", cancelOrder(noMatch).setMode(EventMode.SYNC).build());
            Reply noMatchReply = worker.awaitReply(noMatch);
            worker.fluent().syncEventsMatchNoRule(true);
            worker.producer().send(worker.topic("send-event"), "ON-2", cancelOrder(notFound).setMode(EventMode.SYNC).build());
            Reply notFoundReply = worker.awaitReply(notFound);

            assertThat(List.of(noMatchReply, notFoundReply)).allSatisfy(reply -> {
                assertThat(reply.getStatus()).isEqualTo(ReplyStatus.FAILED);
                assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.FLUENT_REJECTED);
                assertThat(reply.getAttempts()).isEqualTo(1);
            });
            assertThat(noMatchReply.getError().getFluentErrors()).singleElement().satisfies(e -> assertThat(e.getCode()).isEqualTo("NO_MATCH"));
            assertThat(notFoundReply.getError().getMessage()).startsWith("Fluent answered HTTP 404");
            assertThat(RunningWorker.header(worker.awaitDeadLetter("send-event", "dlt.command-id", notFound), "dlt.error.stage")).isEqualTo("fluent");
            assertThat(eventsOf(noMatch)).hasSize(1);
        } finally {
            worker.fluent().syncEventStatus("COMPLETE");
            worker.fluent().syncEventsMatchNoRule(false);
        }
    }

    @Test
    void refusesAnEventWithoutANameOrWithAttributesThatAreNotAnObjectBeforeCallingFluent() {
        String id = newId();
        worker.producer().send(worker.topic("send-event"), "ON-3", cancelOrder(id).setName(" ")
                .setAttributes("{\"fkwCommandId\":\"mine\"}").build());

        Reply reply = worker.awaitReply(id);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.FAILED);
        assertThat(reply.getError().getCategory()).isEqualTo(ErrorCategory.VALIDATION);
        assertThat(reply.getError().getMessage()).contains("name is required").contains("attributes must not have the key fkwCommandId");
        assertThat(reply.getAttempts()).isZero();
        assertThat(RunningWorker.header(worker.awaitDeadLetter("send-event", "dlt.command-id", id), "dlt.error.stage")).isEqualTo("validate");
        assertThat(worker.fluent().restRequests()).noneMatch(r -> r.body().contains(id));
    }

    @Test
    void retriesAnEventAfterTransientFaultsAndSendsItOnce() {
        worker.fluent().failNextRest(1, 503);
        worker.fluent().throttleNextRest(1, Duration.ofSeconds(1));
        String id = newId();
        worker.producer().send(worker.topic("send-event"), "ON-4", cancelOrder(id).build());

        Reply reply = worker.awaitReply(id);

        assertThat(reply.getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        assertThat(reply.getDetail()).isEqualTo(ReplyDetail.SENT);
        assertThat(reply.getAttempts()).isEqualTo(3);
        assertThat(eventsOf(id)).as("the faults answered before Fluent took the event").hasSize(1);
    }

    @Test
    void servesHealthEndpoints() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/health", "/health/liveness", "/health/readiness")) {
            URI uri = URI.create("http://127.0.0.1:" + worker.server().getPort() + path);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void publishesPrometheusMetrics() throws Exception {
        runCurrentUser();
        String invalid = newId();
        worker.producer().send(worker.topic("create-customer"), invalid, CreateCustomer.newBuilder()
                .setCommandId(invalid).setPrimaryEmail("not-an-email").setFirstName("Bad").build());
        worker.awaitReply(invalid);
        URI uri = URI.create("http://127.0.0.1:" + worker.server().getPort() + "/prometheus");

        String metrics = await().atMost(Duration.ofSeconds(10)).until(() -> HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body(),
                body -> body.contains("worker_commands_total{outcome=\"SUCCEEDED\",type=\"GET_CURRENT_USER\"}")
                        && body.contains("worker_commands_total{outcome=\"FAILED\",type=\"CREATE_CUSTOMER\"}"));

        assertThat(metrics)
                .contains("worker_dead_letters_total{category=\"VALIDATION\",type=\"CREATE_CUSTOMER\"}")
                .contains("fluent_calls_seconds_bucket{connection=\"default\",operation=\"me\",status=\"200\"")
                .contains("fluent_token_requests_total{connection=\"default\",outcome=\"granted\"}")
                .contains("fluent_connection_up{connection=\"default\"} 1.0")
                .contains("worker_commands_in_flight ")
                .contains("worker_commands_buffered ")
                .contains("worker_consumer_lag ")
                .contains("kafka_consumer_fetch_manager_records_lag_max");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void neverLogsOrPublishesPasswordsSecretsOrTokens() {
        assertThat(worker.fluent().issuedTokens()).isNotEmpty();
        assertThat(CapturedLogs.lines()).isNotEmpty();
        assertThat(worker.secretLeaks()).isEmpty();
    }

    private static void runCurrentUser() {
        String id = newId();
        worker.producer().send(worker.topic("get-current-user"), id, GetCurrentUser.newBuilder().setCommandId(id).build());
        worker.awaitReply(id);
    }

    private static RecordedRequest lastGraphQl(String marker) {
        List<RecordedRequest> matching = worker.fluent().graphQlRequests().stream().filter(r -> r.query() != null && r.query().contains(marker)).toList();
        assertThat(matching).as("GraphQL requests containing %s", marker).isNotEmpty();
        return matching.get(matching.size() - 1);
    }

    private static SendEvent.Builder cancelOrder(String commandId) {
        return SendEvent.newBuilder().setCommandId(commandId).setName("CancelOrder").setEntityType("ORDER").setEntityRef("ON-1");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> eventsOf(String commandId) {
        return worker.fluent().events().stream()
                .filter(event -> commandId.equals(((Map<String, Object>) event.get("attributes")).get("fkwCommandId"))).toList();
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
