package io.fluentkafka.worker.messaging;

import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.apache.kafka.common.security.auth.SecurityProtocol;

import java.util.Locale;
import java.util.Properties;

/**
 * Tidies the {@code kafka.*} settings once, before any Kafka client reads them. Every client of the worker takes its
 * settings from this one set ({@link KafkaDefaultConfiguration#getConfig()}): the command consumer, the producer of
 * {@code kafka.producers.fluent-kafka-worker} (on top of its own keys) and the admin client of Kafka's health check.
 *
 * <p>Removed: a setting whose value is empty (application.yml maps each {@code KAFKA_*} security variable, empty
 * when unset, and Kafka must then apply its own default: an empty trust-store path or password is an error to it),
 * and every key with a hyphen: Micronaut reads an environment variable such as {@code KAFKA_SASL_JAAS_CONFIG} under
 * every spelling of its underscores ({@code sasl.jaas.config}, {@code sasl-jaas.config}, ...), and no Kafka client
 * setting has a hyphen, so the others would only carry the secret to the clients as unknown settings.
 * {@code security.protocol} must name one of Kafka's protocols, or the worker does not start.
 */
@Singleton
final class KafkaClientSettings implements BeanCreatedEventListener<KafkaDefaultConfiguration> {

    private static final String PROTOCOL = "security.protocol";

    @Override
    public KafkaDefaultConfiguration onCreated(BeanCreatedEvent<KafkaDefaultConfiguration> event) {
        tidy(event.getBean().getConfig());
        return event.getBean();
    }

    static void tidy(Properties settings) {
        settings.keySet().removeIf(key -> key.toString().contains("-"));
        settings.values().removeIf(value -> value == null || value.toString().isBlank());
        Object protocol = settings.get(PROTOCOL);
        if (protocol != null && SecurityProtocol.names().stream().noneMatch(protocol.toString().toUpperCase(Locale.ROOT)::equals)) {
            throw new ConfigurationException("kafka." + PROTOCOL + " (KAFKA_SECURITY_PROTOCOL) must be one of "
                    + SecurityProtocol.names() + ", not '" + protocol + "'");
        }
    }
}
