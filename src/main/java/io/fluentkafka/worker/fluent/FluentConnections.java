package io.fluentkafka.worker.fluent;

import io.fluentkafka.worker.config.FluentClientConfiguration;
import io.fluentkafka.worker.config.FluentConnectionConfiguration;
import io.fluentkafka.worker.config.OutageConfiguration;
import io.fluentkafka.worker.metrics.WorkerMetrics;
import io.fluentkafka.worker.time.Scheduler;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every configured Fluent connection, each with its own HTTP client and token. Built eagerly at startup so that
 * invalid configuration stops the worker before it takes any command.
 */
@Context
public final class FluentConnections implements AutoCloseable {

    private final Map<String, FluentClient> clients = new TreeMap<>();
    private final List<FluentTransport> transports = new ArrayList<>();

    FluentConnections(List<FluentConnectionConfiguration> connections, FluentClientConfiguration configuration,
                      OutageConfiguration outage, JsonMapper json, Scheduler scheduler, BeanContext context, WorkerMetrics metrics) {
        FluentErrorMapper errors = new FluentErrorMapper(json, configuration);
        GraphQlResponses responses = new GraphQlResponses(errors);
        for (FluentConnectionConfiguration connection : connections) {
            FluentTransport transport = new FluentTransport(context, connection.baseUrl(), configuration.connectTimeout(),
                    configuration.requestTimeout(), connection.name(), metrics);
            TokenProvider tokens = new TokenProvider(connection, TokenProvider.Endpoint.of(transport), json,
                    configuration.tokenExpirySkew(), scheduler, metrics);
            // both ports go through the one bearer filter; nothing else reads the connection's tokens
            BearerAuthentication authentication = new BearerAuthentication(tokens, connection.name());
            GraphQlPort graphQl = new GraphQlPort(transport, authentication, responses, json);
            RestPort rest = new RestPort(transport, authentication, errors, json);
            transports.add(transport);
            // the probe: a token (renewed if refused) and the cheapest authenticated query
            ConnectionAvailability availability = new ConnectionAvailability(connection.name(), outage,
                    () -> graphQl.execute("probe", FluentDocuments.ME, Map.of(), null), scheduler);
            metrics.connectionUp(connection.name(), () -> !availability.isDown());
            clients.put(connection.name(), new FluentClient(CustomerDefaults.of(connection, graphQl), graphQl, rest, json, availability));
        }
        if (!clients.containsKey(FluentConnectionConfiguration.DEFAULT_NAME)) {
            throw new io.micronaut.context.exceptions.ConfigurationException(
                    FluentConnectionConfiguration.PREFIX + ".default is required (set FLUENT_HOST and the other FLUENT_* variables)");
        }
    }

    /** The client of the named connection; null or blank means {@code default}. */
    public FluentClient client(String name) {
        String key = name == null || name.isBlank() ? FluentConnectionConfiguration.DEFAULT_NAME : name;
        FluentClient client = clients.get(key);
        if (client == null) {
            throw new UnknownConnectionException(key, clients.keySet());
        }
        return client;
    }

    /** Availability of every connection, by name. */
    public List<ConnectionAvailability.Status> availability() {
        return clients.values().stream().map(client -> client.availability().status()).toList();
    }

    @PreDestroy
    @Override
    public void close() {
        transports.forEach(FluentTransport::close);
    }
}
