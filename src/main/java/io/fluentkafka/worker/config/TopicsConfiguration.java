package io.fluentkafka.worker.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The topics every command shares: {@code worker.topics.replies} and {@code worker.topics.dead-letter-suffix}. Every
 * reply goes to {@code replies} unless the command names another in a {@code kafka_replyTopic} header; a command that
 * cannot be done is copied to its topic's name plus {@code deadLetterSuffix}. Each kind's own topic is
 * {@code worker.topics.<kind>} (see {@code messaging.CommandTopics}).
 */
@ConfigurationProperties(TopicsConfiguration.PREFIX)
public record TopicsConfiguration(
        @Bindable(defaultValue = "fluent.replies") String replies,
        @Bindable(defaultValue = ".dlt") String deadLetterSuffix) {

    public static final String PREFIX = "worker.topics";

    public TopicsConfiguration {
        if (deadLetterSuffix == null || deadLetterSuffix.isBlank()) {
            throw new ConfigurationException(PREFIX + ".dead-letter-suffix must not be empty");
        }
    }

    /** True for a dead-letter topic of this worker's, or one named like it. */
    public boolean isDeadLetterTopic(String topic) {
        return topic.endsWith(deadLetterSuffix);
    }

    public String deadLetterTopic(String commandTopic) {
        return commandTopic + deadLetterSuffix;
    }
}
