package io.fluentkafka.worker.messaging;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaClientSettingsTest {

    @Test
    void dropsUnsetSettingsAndTheHyphenatedSpellingsOfEnvironmentVariables() {
        Properties settings = new Properties();
        settings.putAll(Map.of("bootstrap.servers", "broker:9092", "security.protocol", "SASL_SSL",
                "sasl.jaas.config", "secret line", "sasl-jaas.config", "secret line", "sasl.jaas-config", "secret line",
                "ssl.truststore.location", "", "ssl.truststore.password", " "));

        KafkaClientSettings.tidy(settings);

        assertThat(settings).containsOnlyKeys("bootstrap.servers", "security.protocol", "sasl.jaas.config");
    }

    @Test
    void refusesAnUnknownSecurityProtocolAtStartup() {
        Properties settings = new Properties();
        settings.put("security.protocol", "SASL_TLS");

        assertThatThrownBy(() -> KafkaClientSettings.tidy(settings)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("KAFKA_SECURITY_PROTOCOL").hasMessageContaining("SASL_SSL");
    }

    @Test
    void acceptsAProtocolInAnyCaseAsKafkaDoes() {
        Properties settings = new Properties();
        settings.put("security.protocol", "sasl_plaintext");

        KafkaClientSettings.tidy(settings);

        assertThat(settings).containsEntry("security.protocol", "sasl_plaintext");
    }
}
