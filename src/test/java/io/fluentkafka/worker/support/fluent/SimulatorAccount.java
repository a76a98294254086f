package io.fluentkafka.worker.support.fluent;

import java.util.Objects;

/**
 * The one API client and user the simulator accepts on {@code /oauth/token}, and the retailer every
 * customer must belong to.
 */
public record SimulatorAccount(String username, String password, String clientId, String clientSecret,
        String retailerId) {

    public SimulatorAccount {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(retailerId, "retailerId");
    }

    public static SimulatorAccount defaults() {
        return new SimulatorAccount("worker@acme.test", "s3cr3t-Passw0rd!", "ACME", "client-secret-9f8e7d", "1");
    }

    /** Hides the secrets, so an account can be logged or shown in a failed assertion. */
    @Override
    public String toString() {
        return "SimulatorAccount[username=" + username + ", clientId=" + clientId + ", retailerId=" + retailerId + "]";
    }
}
