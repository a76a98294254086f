package io.fluentkafka.worker.config;

import io.fluentkafka.worker.command.Document;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.OperationCatalogue;
import io.fluentkafka.worker.command.OperationDocuments;
import io.fluentkafka.worker.command.OperationDocumentsTest;
import io.fluentkafka.worker.messaging.CommandTopics;
import io.fluentkafka.worker.operation.TestOperations;
import io.fluentkafka.worker.support.InventorySettings;
import io.fluentkafka.worker.support.fluent.WebhookSigner;
import io.fluentkafka.worker.webhook.WebhookConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configuration binds from properties and fails at startup, naming the key, when it is wrong. */
class ConfigurationTest {

    private static final String ORDER_AND_CUSTOMER = "mutation M($input: CreateOrderAndCustomerInput) { createOrderAndCustomer(input: $input) "
            + "{ id ref type status totalPrice totalTaxPrice createdOn retailer { id } "
            + "customer { id ref username primaryEmail firstName lastName status retailer { id } } } }";

    @Test
    void bindsConnectionsAndDefaults() {
        try (ApplicationContext context = ApplicationContext.run(valid())) {
            FluentConnectionConfiguration connection = context.getBean(FluentConnectionConfiguration.class,
                    io.micronaut.inject.qualifiers.Qualifiers.byName("default"));
            assertThat(connection.baseUrl().toString()).isEqualTo("https://acme.sandbox.api.fluentretail.com");
            assertThat(connection.scope()).isEqualTo("api");
            assertThat(connection.retailerId()).isEqualTo("7");
            assertThat(connection.defaultTimezone()).isEqualTo("UTC");
            assertThat(connection.toString()).doesNotContain("pw-123").doesNotContain("secret-456").doesNotContain("api-user").doesNotContain("acme");
            assertThat(context.getBean(TopicsConfiguration.class).deadLetterTopic("fluent.create-customer")).isEqualTo("fluent.create-customer.dlt");
            assertThat(context.getBean(RetryConfiguration.class).maxAttempts()).isEqualTo(5);
            assertThat(context.getBean(FluentClientConfiguration.class).tokenExpirySkew()).isEqualTo(Duration.ofSeconds(60));
            ConsumerConfiguration consumer = context.getBean(ConsumerConfiguration.class);
            assertThat(consumer.maxInFlight()).isEqualTo(256);
            assertThat(consumer.maxBuffered()).isEqualTo(2000);
            assertThat(consumer.shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(20));
            assertThat(context.getBean(OutageConfiguration.class).failureThreshold()).isEqualTo(3);
        }
    }

    @Test
    void rejectsABufferSmallerThanWhatIsInFlight() {
        Map<String, Object> properties = valid();
        properties.put("worker.max-in-flight", 500);
        properties.put("worker.max-buffered", 100);
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            // with Kafka enabled the consumer needs this bean at startup; here it is asked for directly
            assertThatThrownBy(() -> context.getBean(ConsumerConfiguration.class))
                    .hasStackTraceContaining("worker.max-buffered must be at least worker.max-in-flight");
        }
    }

    @Test
    void bindsTheInventoryBatchingWithItsDefaultsAndRefusesALingerOrSizeOutOfBounds() {
        try (ApplicationContext context = ApplicationContext.run(valid())) {
            assertThat(context.getBean(InventoryConfiguration.class)).isEqualTo(InventoryConfiguration.defaults());
        }
        Map<String, Object> properties = valid();
        properties.put("worker.inventory.linger", "500ms");
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertThat(context.getBean(InventoryConfiguration.class).linger()).isEqualTo(Duration.ofMillis(500));
        }
        InventoryConfiguration defaults = InventoryConfiguration.defaults();
        assertThatThrownBy(() -> defaults.withLinger(Duration.ZERO)).hasMessageContaining("worker.inventory.linger");
        assertThatThrownBy(() -> new InventoryConfiguration(Duration.ofSeconds(2), 5001, false, Duration.ofMinutes(1), Duration.ofSeconds(5)))
                .hasMessageContaining("worker.inventory.max-batch-size must be between 1 and 5000");
    }

    @Test
    void bindsAwaitingInventoryCompletionAndRefusesAPollIntervalLongerThanItsTimeout() {
        assertThat(InventoryConfiguration.defaults().awaitCompletion()).isFalse();
        Map<String, Object> properties = valid();
        properties.put("worker.inventory.await-completion", "true");
        properties.put("worker.inventory.completion-timeout", "30s");
        properties.put("worker.inventory.completion-poll-interval", "1s");
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertThat(context.getBean(InventoryConfiguration.class)).isEqualTo(
                    InventorySettings.awaitingCompletion(Duration.ofSeconds(30), Duration.ofSeconds(1)));
        }
        assertThatThrownBy(() -> InventorySettings.awaitingCompletion(Duration.ofMinutes(16), Duration.ofSeconds(1)))
                .hasMessageContaining("worker.inventory.completion-timeout must be positive and at most 15m");
        assertThatThrownBy(() -> InventorySettings.awaitingCompletion(Duration.ofSeconds(10), Duration.ofSeconds(11)))
                .hasMessageContaining("worker.inventory.completion-poll-interval must be positive and at most worker.inventory.completion-timeout");
    }

    @Test
    void failsStartupNamingAMissingPassword() {
        Map<String, Object> properties = valid();
        properties.put("fluent.connections.default.password", "");
        assertThatThrownBy(() -> ApplicationContext.run(properties).close())
                .hasStackTraceContaining("fluent.connections.default.password is required (environment variable FLUENT_PASSWORD)");
    }

    @Test
    void failsStartupOnAHostThatIsNotAUrl() {
        Map<String, Object> properties = valid();
        properties.put("fluent.connections.default.host", "acme.fluentretail.com");
        assertThatThrownBy(() -> ApplicationContext.run(properties).close())
                .hasStackTraceContaining("fluent.connections.default.host must be an absolute http(s) URL");
    }

    @Test
    void failsStartupOnANonNumericRetailer() {
        Map<String, Object> properties = valid();
        properties.put("fluent.connections.default.retailer-id", "acme");
        assertThatThrownBy(() -> ApplicationContext.run(properties).close())
                .hasStackTraceContaining("fluent.connections.default.retailer-id must be digits");
    }

    @Test
    void failsStartupWhenTwoCommandsShareATopic() {
        Map<String, Object> properties = valid();
        properties.put("worker.topics.get-current-user", "fluent.create-customer");
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            // with Kafka enabled the consumer needs this bean at startup; here it is asked for directly
            assertThatThrownBy(() -> context.getBean(CommandTopics.class)).hasStackTraceContaining(
                    "worker.topics.get-current-user and worker.topics.create-customer name the same topic 'fluent.create-customer'");
        }
    }

    @Test
    void failsStartupWhenADeadLetterTopicIsAnotherCommandsTopic() {
        Map<String, Object> properties = valid();
        properties.put("worker.topics.create-customer", "orders");
        properties.put("worker.topics.graphql-request", "orders.dlt");
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertThatThrownBy(() -> context.getBean(CommandTopics.class)).hasStackTraceContaining(
                    "worker.topics.graphql-request and the dead-letter topic of worker.topics.create-customer name the same topic 'orders.dlt'");
        }
    }

    @Test
    void failsStartupOnATopicKafkaWouldRefuse() {
        Map<String, Object> properties = valid();
        properties.put("worker.topics.replies", "fluent replies");
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertThatThrownBy(() -> context.getBean(CommandTopics.class))
                    .hasStackTraceContaining("worker.topics.replies is 'fluent replies', which is not a legal Kafka topic name");
        }
    }

    @Test
    void theApplicationsCatalogueHoldsEveryOperationBeanAndDerivesTheirTopics() {
        Map<String, Object> properties = valid();
        properties.put("worker.topics.get-product", "pim.product-lookups");
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertThat(context.getBean(OperationCatalogue.class).all()).extracting(Operation::kind)
                    .containsExactlyElementsOf(TestOperations.kinds());
            Map<String, String> kindByTopic = new HashMap<>();
            context.getBean(CommandTopics.class).operationByTopic().forEach((topic, operation) -> kindByTopic.put(topic, operation.kind()));
            assertThat(kindByTopic).containsEntry("fluent.create-customer", "create-customer")
                    .containsEntry("fluent.graphql-request", "graphql-request")
                    .containsEntry("pim.product-lookups", "get-product")
                    .hasSize(TestOperations.kinds().size());
        }
    }

    @Test
    void bindsEachConnectionsDefaultTimezoneWithUtcWhenUnset() {
        Map<String, Object> properties = valid();
        properties.put("fluent.connections.default.default-timezone", "Australia/Sydney");
        properties.put("fluent.connections.second.host", "https://beta.sandbox.api.fluentretail.com");
        properties.put("fluent.connections.second.username", "beta-user");
        properties.put("fluent.connections.second.password", "pw-789");
        properties.put("fluent.connections.second.client-id", "BETA");
        properties.put("fluent.connections.second.client-secret", "secret-012");
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertThat(context.getBean(FluentConnectionConfiguration.class, Qualifiers.byName("default")).defaultTimezone())
                    .isEqualTo("Australia/Sydney");
            assertThat(context.getBean(FluentConnectionConfiguration.class, Qualifiers.byName("second")).defaultTimezone())
                    .isEqualTo("UTC");
        }
    }

    @Test
    void failsStartupOnABlankDefaultTimezone() {
        Map<String, Object> properties = valid();
        properties.put("fluent.connections.default.default-timezone", " ");
        assertThatThrownBy(() -> ApplicationContext.run(properties).close())
                .hasStackTraceContaining("fluent.connections.default.default-timezone is required (environment variable FLUENT_DEFAULT_TIMEZONE)");
    }

    @Test
    void failsStartupOnADefaultTimezoneLongerThanFluentAccepts() {
        Map<String, Object> properties = valid();
        properties.put("fluent.connections.default.default-timezone", "x".repeat(33));
        assertThatThrownBy(() -> ApplicationContext.run(properties).close())
                .hasStackTraceContaining("fluent.connections.default.default-timezone must be at most 32 characters");
    }

    @Test
    void bindsAnOperationDocumentFromNestedKeysAndFromAnEnvironmentVariable() {
        Map<String, Object> properties = valid();
        properties.put("worker.operations.create-customer.document", OperationDocumentsTest.MORE_FIELDS);
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            // with Kafka enabled the command handler needs this bean at startup; here it is asked for directly
            assertThat(context.getBean(OperationDocuments.class).document("create-customer", "createCustomer"))
                    .isEqualTo(new Document("createCustomer", OperationDocumentsTest.MORE_FIELDS, true));
        }
        PropertySource environment = PropertySource.of("env", Map.of("WORKER_OPERATIONS_CREATE_ORDER_AND_CUSTOMER_DOCUMENT",
                ORDER_AND_CUSTOMER), PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE);
        try (ApplicationContext context = ApplicationContext.builder().properties(valid()).propertySources(environment).start()) {
            OperationDocuments documents = context.getBean(OperationDocuments.class);
            assertThat(documents.document("create-order-and-customer", "createOrderAndCustomer").text()).isEqualTo(ORDER_AND_CUSTOMER);
            assertThat(documents.document("create-customer", "createCustomer").replaced()).isFalse();
        }
    }

    @Test
    void failsNamingTheKeyOfAnOperationDocumentThatDoesNotFit() {
        Map<String, Object> properties = valid();
        properties.put("worker.operations.get-current-user.document", "query Me { me { id } }");
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertThatThrownBy(() -> context.getBean(OperationDocuments.class))
                    .hasStackTraceContaining("worker.operations.get-current-user.document does not select me.ref, which the reply's result needs");
        }
    }

    @Test
    void failsNamingAKeyUnderAnOperationThatIsNotItsDocument() {
        for (String name : new String[] {"create-customer.documnet", "create-customer.query", "create-customer-document"}) {
            Map<String, Object> properties = valid();
            properties.put("worker.operations." + name, OperationDocumentsTest.MORE_FIELDS);
            try (ApplicationContext context = ApplicationContext.run(properties)) {
                assertThatThrownBy(() -> context.getBean(OperationDocuments.class))
                        .hasStackTraceContaining("worker.operations." + name + " (environment variable WORKER_OPERATIONS_")
                        .hasStackTraceContaining("is not a setting of the worker: the only key under worker.operations.<kind>. is document");
            }
        }
    }

    @Test
    void failsNamingAMisspeltOperationDocumentEnvironmentVariable() {
        PropertySource environment = PropertySource.of("env", Map.of("WORKER_OPERATIONS_CREATE_CUSTOMER_DOCUMNET",
                OperationDocumentsTest.MORE_FIELDS), PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE);
        try (ApplicationContext context = ApplicationContext.builder().properties(valid()).propertySources(environment).start()) {
            assertThatThrownBy(() -> context.getBean(OperationDocuments.class))
                    .hasStackTraceContaining("(environment variable WORKER_OPERATIONS_CREATE_CUSTOMER_DOCUMNET) is not a setting of the worker");
        }
    }

    @Test
    void webhooksAreOffByDefaultAndBindTheirDefaults() {
        try (ApplicationContext context = ApplicationContext.run(valid())) {
            WebhookConfiguration webhooks = context.getBean(WebhookConfiguration.class);
            assertThat(webhooks.enabled()).isFalse();
            assertThat(webhooks.path()).isEqualTo("/webhooks/fluent");
            assertThat(webhooks.topic()).isEqualTo("fluent.events");
            assertThat(webhooks.maxBodySize()).isEqualTo(1000 * 1024);
            assertThat(webhooks.readTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(webhooks.publishTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(webhooks.maxConcurrent()).isEqualTo(64);
            assertThat(webhooks.duplicateWindow()).isEqualTo(Duration.ofMinutes(10));
            assertThat(webhooks.duplicateCacheSize()).isEqualTo(100_000);
            assertThat(webhooks.acceptLegacyMd5()).isFalse();
        }
    }

    @Test
    void failsStartupWhenWebhooksAreOnWithoutAPublicKeyOrWithOneThatDoesNotRead() {
        PropertySource noKey = PropertySource.of("env", Map.of("WORKER_WEBHOOKS_ENABLED", "true"),
                PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE);
        assertThatThrownBy(() -> ApplicationContext.builder().properties(valid()).propertySources(noKey).start().close())
                .hasStackTraceContaining("worker.webhooks.public-key (environment variable WORKER_WEBHOOKS_PUBLIC_KEY) is required when worker.webhooks.enabled is true");
        PropertySource badKey = PropertySource.of("env", Map.of("WORKER_WEBHOOKS_ENABLED", "true",
                "WORKER_WEBHOOKS_PUBLIC_KEY", WebhookSigner.shared().publicKeyPem(),
                "WORKER_WEBHOOKS_PREVIOUS_PUBLIC_KEY", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"),
                PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE);
        assertThatThrownBy(() -> ApplicationContext.builder().properties(valid()).propertySources(badKey).start().close())
                .hasStackTraceContaining("worker.webhooks.previous-public-key (environment variable WORKER_WEBHOOKS_PREVIOUS_PUBLIC_KEY) is base64 but not an RSA public key")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"));
    }

    @Test
    void failsStartupNamingAnEventTopicThatIsNotLegalOrIsTheWorkersOwn() {
        Map<String, Object> properties = valid();
        properties.put("worker.webhooks.enabled", true);
        properties.put("worker.webhooks.public-key", WebhookSigner.shared().publicKeyBase64());
        properties.put("worker.webhooks.routes.names.OrderStatus", "orders events");
        assertThatThrownBy(() -> ApplicationContext.run(properties).close())
                .hasStackTraceContaining("worker.webhooks.routes.names.OrderStatus is 'orders events', which is not a legal Kafka topic name");
        properties.remove("worker.webhooks.routes.names.OrderStatus");
        properties.put("worker.webhooks.topic", "fluent.replies");
        assertThatThrownBy(() -> ApplicationContext.run(properties).close())
                .hasStackTraceContaining("worker.webhooks.topic is 'fluent.replies', a topic the worker reads commands from or writes replies or dead letters to");
    }

    @Test
    void failsStartupWhenTheBodyLimitDoesNotFitTheProducersRequestLimitOrThePathIsNoPath() {
        Map<String, Object> properties = valid();
        properties.put("worker.webhooks.enabled", true);
        properties.put("worker.webhooks.public-key", WebhookSigner.shared().publicKeyBase64());
        properties.put("worker.webhooks.max-body-size", "1MB");
        assertThatThrownBy(() -> ApplicationContext.run(properties).close())
                .hasStackTraceContaining("worker.webhooks.max-body-size is 1048576 bytes, too close to the producer's max.request.size "
                        + "(kafka.producers.fluent-kafka-worker.max.request.size, 1048576 bytes): keep it at most 1032192 bytes");
        properties.put("kafka.producers.fluent-kafka-worker.max.request.size", 4 * 1024 * 1024);
        properties.put("worker.webhooks.max-body-size", "4MB");
        assertThatThrownBy(() -> ApplicationContext.run(properties).close())
                .hasStackTraceContaining("worker.webhooks.max-body-size is 4194304 bytes, too close to the producer's max.request.size "
                        + "(kafka.producers.fluent-kafka-worker.max.request.size, 4194304 bytes)");
        properties.put("worker.webhooks.max-body-size", "2MB");
        ApplicationContext.run(properties).close();

        for (String path : List.of("/", "/hooks/{id}", "/hooks?x=1", "hooks")) {
            properties.put("worker.webhooks.path", path);
            assertThatThrownBy(() -> ApplicationContext.run(properties).close()).as(path)
                    .hasStackTraceContaining("worker.webhooks.path must start with '/' and name a path");
        }
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter text = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    private static Map<String, Object> valid() {
        Map<String, Object> p = new HashMap<>();
        p.put("kafka.enabled", false);
        p.put("micronaut.server.port", -1);
        p.put("fluent.connections.default.host", "https://acme.sandbox.api.fluentretail.com/");
        p.put("fluent.connections.default.username", "api-user");
        p.put("fluent.connections.default.password", "pw-123");
        p.put("fluent.connections.default.client-id", "ACME");
        p.put("fluent.connections.default.client-secret", "secret-456");
        p.put("fluent.connections.default.retailer-id", "7");
        return p;
    }
}
