package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.OperationCatalogue;
import io.fluentkafka.worker.config.TopicNames;
import io.fluentkafka.worker.config.TopicsConfiguration;
import io.micronaut.core.value.PropertyResolver;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The topic each kind of command is read from: {@code worker.topics.<kind>}, by default {@code fluent.<kind>}. Startup
 * fails, naming the keys, when a topic name is not legal or two of the worker's topics (commands, their dead-letter
 * topics, the replies) would be the same.
 */
@Singleton
public final class CommandTopics {

    private final Map<String, Operation<?>> operationByTopic = new LinkedHashMap<>();

    CommandTopics(OperationCatalogue catalogue, TopicsConfiguration topics, PropertyResolver properties) {
        Map<String, String> keyByTopic = new HashMap<>();
        claim(keyByTopic, topics.replies(), TopicsConfiguration.PREFIX + ".replies");
        for (Operation<?> operation : catalogue.all()) {
            String key = TopicsConfiguration.PREFIX + "." + operation.kind();
            String topic = properties.getProperty(key, String.class).orElse(defaultTopic(operation.kind()));
            claim(keyByTopic, topic, key);
            claim(keyByTopic, topics.deadLetterTopic(topic), "the dead-letter topic of " + key);
            operationByTopic.put(topic, operation);
        }
    }

    /** The topic of a kind nobody configured. */
    public static String defaultTopic(String kind) {
        return "fluent." + kind;
    }

    /** Every command topic and the operation of the commands it carries, ordered by kind. */
    public Map<String, Operation<?>> operationByTopic() {
        return Collections.unmodifiableMap(operationByTopic);
    }

    public Set<String> topics() {
        return Set.copyOf(operationByTopic.keySet());
    }

    /** Every topic the worker reads or writes must be a legal name of its own: fail startup naming the keys otherwise. */
    private static void claim(Map<String, String> keyByTopic, String topic, String key) {
        if (topic == null || topic.isBlank()) {
            throw new ConfigurationException(key + " must not be empty");
        }
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
}
