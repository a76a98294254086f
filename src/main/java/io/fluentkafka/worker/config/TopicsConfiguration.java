package io.fluentkafka.worker.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        if (deadLetterSuffix == null || deadLetterSuffix.isBlank()) {
            throw new ConfigurationException(PREFIX + ".dead-letter-suffix must not be empty");
        }
        Map<String, String> keyByTopic = new HashMap<>();
        for (String[] entry : new String[][] {
                {"create-customer", createCustomer}, {"create-product", createProduct},
                {"graphql-request", graphqlRequest}, {"get-current-user", getCurrentUser},
                {"get-customer-by-email", getCustomerByEmail}, {"replies", replies}}) {
            if (entry[1] == null || entry[1].isBlank()) {
                throw new ConfigurationException(PREFIX + "." + entry[0] + " must not be empty");
            }
            claim(keyByTopic, entry[1], PREFIX + "." + entry[0]);
            if (!"replies".equals(entry[0])) {
                claim(keyByTopic, entry[1] + deadLetterSuffix, "the dead-letter topic of " + PREFIX + "." + entry[0]);
            }
        }
    }

    /** Every topic the worker reads or writes must be a legal name of its own: fail startup naming the keys otherwise. */
    private static void claim(Map<String, String> keyByTopic, String topic, String key) {
        if (!TopicNames.isLegal(topic)) {
            throw new ConfigurationException(key + " is '" + topic + "', which is not a legal Kafka topic name "
                    + "(1 to 249 of a-z, A-Z, 0-9, '.', '_', '-')");
        }
        String clash = keyByTopic.putIfAbsent(topic, key);
        if (clash != null) {
            throw new ConfigurationException(key + " and " + clash + " name the same topic '" + topic
                    + "'; every command, its dead letters and the replies need a topic of their own");
        }
    }

    /** The topic of every command, in no particular order. */
    public List<String> commandTopics() {
        return List.of(createCustomer, createProduct, graphqlRequest, getCurrentUser, getCustomerByEmail);
    }

    /** True for a dead-letter topic of this worker's, or one named like it. */
    public boolean isDeadLetterTopic(String topic) {
        return topic.endsWith(deadLetterSuffix);
    }

    public String deadLetterTopic(String commandTopic) {
        return commandTopic + deadLetterSuffix;
    }
}
