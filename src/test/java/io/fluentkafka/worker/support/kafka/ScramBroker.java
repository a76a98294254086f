package io.fluentkafka.worker.support.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * An in-process broker of its own with two listeners: {@code EXTERNAL}, PLAINTEXT, for the tests' own clients
 * ({@link #bootstrapServers()}: topics, producing commands, reading replies), and {@code SASL}, SASL_PLAINTEXT with
 * SCRAM-SHA-512 ({@link #saslBootstrapServers()}), for the worker under test. Users are created with
 * {@link #createUser}; there is no authorizer, so an authenticated user may do anything.
 */
public final class ScramBroker implements AutoCloseable {

    public static final String MECHANISM = "SCRAM-SHA-512";
    private static final ListenerName SASL = ListenerName.normalised("SASL");

    private final KafkaClusterTestKit cluster;

    private ScramBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static ScramBroker start() {
        return new ScramBroker(KafkaBroker.startInProcess(Map.of(
                "listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,SASL://localhost:0",
                "listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL:SASL_PLAINTEXT",
                "sasl.enabled.mechanisms", MECHANISM,
                // the broker's side of SCRAM needs a login module but no credentials of its own
                "listener.name.sasl.scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;")));
    }

    /** The PLAINTEXT listener. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The SASL_PLAINTEXT (SCRAM-SHA-512) listener. */
    public String saslBootstrapServers() {
        return "localhost:" + cluster.brokers().values().iterator().next().boundPort(SASL);
    }

    /** Creates (or replaces) a SCRAM-SHA-512 user through the Admin API, as an operator would. */
    public void createUser(String name, String password) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(name,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create SCRAM user " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The JAAS line a client of {@code name} sets as {@code sasl.jaas.config}. */
    public static String jaasConfig(String name, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + name + "\" password=\"" + password + "\";";
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
