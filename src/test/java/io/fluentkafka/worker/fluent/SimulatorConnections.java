package io.fluentkafka.worker.fluent;

import io.fluentkafka.worker.support.fluent.FluentSimulator;
import io.micronaut.context.ApplicationContext;

import java.util.HashMap;
import java.util.Map;

/** The worker's Fluent beans, without Kafka or an HTTP server, with connection {@code default} on a simulator. */
public final class SimulatorConnections {

    private SimulatorConnections() {
    }

    public static ApplicationContext start(FluentSimulator simulator) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("kafka.enabled", false);
        properties.put("micronaut.server.port", -1);
        String connection = "fluent.connections.default.";
        properties.put(connection + "host", simulator.baseUrl().toString());
        properties.put(connection + "username", simulator.account().username());
        properties.put(connection + "password", simulator.account().password());
        properties.put(connection + "client-id", simulator.account().clientId());
        properties.put(connection + "client-secret", simulator.account().clientSecret());
        return ApplicationContext.run(properties);
    }

    public static FluentClient defaultClient(ApplicationContext context) {
        return context.getBean(FluentConnections.class).client("default");
    }
}
