package io.fluentkafka.worker.webhook;

import io.fluentkafka.worker.config.TopicNames;
import io.fluentkafka.worker.config.TopicsConfiguration;
import io.fluentkafka.worker.messaging.CommandTopics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.naming.conventions.StringConvention;
import io.micronaut.core.value.PropertyResolver;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The topic of an event: {@code worker.webhooks.routes.names.<EventName>} if its name has a route, else
 * {@code worker.webhooks.routes.entity-types.<ENTITY_TYPE>} if its entity type has one, else
 * {@code worker.webhooks.topic}. Names and types are matched ignoring case and the characters {@code - _ .}, so
 * that the spellings Micronaut derives from an environment variable (lower case, {@code _} as {@code -} or
 * {@code .}) route too: {@code WORKER_WEBHOOKS_ROUTES_NAMES_ORDER_STATUS} routes {@code OrderStatus}. Startup fails, naming the key, when a topic is not a legal Kafka name, is one the worker reads commands
 * from or writes replies or dead letters to, or two routes differ only in case.
 */
@Context
@Requires(property = WebhookConfiguration.ENABLED, value = "true")
final class EventRoutes {

    static final String NAMES = WebhookConfiguration.PREFIX + ".routes.names";
    static final String ENTITY_TYPES = WebhookConfiguration.PREFIX + ".routes.entity-types";

    private static final Pattern NOT_MATCHED = Pattern.compile("[-_.]");

    private final String defaultTopic;
    private final Map<String, String> byName;
    private final Map<String, String> byEntityType;

    EventRoutes(WebhookConfiguration configuration, PropertyResolver properties, CommandTopics commands, TopicsConfiguration topics) {
        Set<String> taken = new HashSet<>(commands.topics());
        commands.topics().forEach(topic -> taken.add(topics.deadLetterTopic(topic)));
        taken.add(topics.replies());
        this.defaultTopic = checked(configuration.topic(), WebhookConfiguration.PREFIX + ".topic", taken);
        this.byName = routes(properties, NAMES, taken);
        this.byEntityType = routes(properties, ENTITY_TYPES, taken);
    }

    String topic(WebhookEvent event) {
        String topic = byName.get(normal(event.name()));
        if (topic == null && event.entityType() != null) {
            topic = byEntityType.get(normal(event.entityType()));
        }
        return topic != null ? topic : defaultTopic;
    }

    private static Map<String, String> routes(PropertyResolver properties, String prefix, Set<String> taken) {
        Map<String, String> routes = new TreeMap<>();
        for (Map.Entry<String, Object> route : new TreeMap<>(properties.getProperties(prefix, StringConvention.RAW)).entrySet()) {
            if (route.getValue() instanceof Map<?, ?>) {
                continue; // another spelling Micronaut derives from an environment variable's underscores
            }
            String key = prefix + "." + route.getKey();
            String topic = checked(String.valueOf(route.getValue()), key, taken);
            String previous = routes.put(normal(route.getKey()), topic);
            if (previous != null && !previous.equals(topic)) {
                throw new ConfigurationException(key + " routes to '" + topic + "', another key under " + prefix
                        + " that differs only in case or in - _ . to '" + previous + "'; names and types are matched ignoring those");
            }
        }
        return routes;
    }

    private static String normal(String nameOrType) {
        return NOT_MATCHED.matcher(nameOrType.toLowerCase(Locale.ROOT)).replaceAll("");
    }

    private static String checked(String topic, String key, Set<String> taken) {
        if (topic == null || topic.isBlank()) {
            throw new ConfigurationException(key + " must not be empty");
        }
        if (!TopicNames.isLegal(topic)) {
            throw new ConfigurationException(key + " is '" + topic + "', which is not a legal Kafka topic name "
                    + "(1 to 249 of a-z, A-Z, 0-9, '.', '_', '-')");
        }
        if (taken.contains(topic)) {
            throw new ConfigurationException(key + " is '" + topic + "', a topic the worker reads commands from or writes "
                    + "replies or dead letters to; events need a topic of their own");
        }
        return topic;
    }
}
