package io.fluentkafka.worker.config;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code worker.outage.*} binds with its defaults, and a poison bound below one stops startup. */
class OutageConfigurationTest {

    @Test
    void boundsEachCommandToTwoOutagesByDefault() {
        try (ApplicationContext context = ApplicationContext.run(valid())) {
            assertThat(context.getBean(OutageConfiguration.class).maxOutagesPerCommand()).isEqualTo(2);
        }
    }

    @Test
    void failsStartupOnAPoisonBoundBelowOne() {
        Map<String, Object> properties = valid();
        properties.put("worker.outage.max-outages-per-command", 0);
        assertThatThrownBy(() -> ApplicationContext.run(properties).close())
                .hasStackTraceContaining("worker.outage.max-outages-per-command must be at least 1");
    }

    private static Map<String, Object> valid() {
        Map<String, Object> p = new HashMap<>();
        p.put("kafka.enabled", false);
        p.put("micronaut.server.port", -1);
        p.put("fluent.connections.default.host", "https://acme.sandbox.api.fluentretail.com");
        p.put("fluent.connections.default.username", "api-user");
        p.put("fluent.connections.default.password", "pw-123");
        p.put("fluent.connections.default.client-id", "ACME");
        p.put("fluent.connections.default.client-secret", "secret-456");
        return p;
    }
}
