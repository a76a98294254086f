package io.fluentkafka.worker.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Topic names: {@code worker.topics.*}. Each command has its own topic; every reply goes to {@code replies}
 * unless the command names another in a {@code kafka_replyTopic} header; a command that cannot be done is
 * copied to its topic's name plus {@code deadLetterSuffix}.
 */
@ConfigurationProperties(TopicsConfiguration.PREFIX)
public record TopicsConfiguration(
        @Bindable(defaultValue = "fluent.create-customer") String createCustomer,
        @Bindable(defaultValue = "fluent.create-product") String createProduct,
        @Bindable(defaultValue = "fluent.graphql-request") String graphqlRequest,
        @Bindable(defaultValue = "fluent.get-current-user") String getCurrentUser,
        @Bindable(defaultValue = "fluent.get-customer-by-email") String getCustomerByEmail,
        @Bindable(defaultValue = "fluent.replies") String replies,
        @Bindable(defaultValue = ".dlt") String deadLetterSuffix) {

    public static final String PREFIX = "worker.topics";

    public TopicsConfiguration {
        for (String[] entry : new String[][] {
                {"create-customer", createCustomer}, {"create-product", createProduct},
                {"graphql-request", graphqlRequest}, {"get-current-user", getCurrentUser},
                {"get-customer-by-email", getCustomerByEmail}, {"replies", replies},
                {"dead-letter-suffix", deadLetterSuffix}}) {
            if (entry[1] == null || entry[1].isBlank()) {
                throw new ConfigurationException(PREFIX + "." + entry[0] + " must not be empty");
            }
        }
    }

    public String deadLetterTopic(String commandTopic) {
        return commandTopic + deadLetterSuffix;
    }
}
