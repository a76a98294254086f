package io.fluentkafka.worker.fluent;

import io.fluentkafka.worker.support.fluent.FluentSimulator;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer without a retailer, on a connection without {@code retailer-id}, gets the primary retailer of the
 * connection's Fluent user, asked through GraphQL {@code me} once per connection; against the simulator over HTTP.
 */
class CustomerDefaultsTest {

    private static final String CREATE_CUSTOMER = "mutation C($input: CreateCustomerInput) { createCustomer(input: $input) { id retailer { id } } }";

    private FluentSimulator simulator;
    private ApplicationContext context;
    private FluentClient client;

    @BeforeEach
    void startClientAgainstSimulator() {
        simulator = FluentSimulator.start();
        context = SimulatorConnections.start(simulator);
        client = SimulatorConnections.defaultClient(context);
    }

    @AfterEach
    void stop() {
        context.close();
        simulator.close();
    }

    @Test
    void takesThePrimaryRetailerOfTheConnectionsUserAndAsksOnlyOnce() throws Exception {
        JsonNode ann = client.createCustomer(customer("ann@example.com"), CREATE_CUSTOMER).get(10, TimeUnit.SECONDS).value();
        JsonNode bob = client.createCustomer(customer("bob@example.com"), CREATE_CUSTOMER).get(10, TimeUnit.SECONDS).value();

        assertThat(List.of(retailerId(ann), retailerId(bob))).containsOnly(simulator.account().retailerId());
        assertThat(simulator.graphQlRequests()).filteredOn(r -> r.query().contains("primaryRetailer")).hasSize(1);
    }

    @Test
    void failsClearlyWhenNothingGivesARetailerAndAsksAgainNextTime() throws Exception {
        simulator.primaryRetailer(false);

        Throwable failure = failure(client.createCustomer(customer("ann@example.com"), CREATE_CUSTOMER));

        assertThat(failure).isInstanceOf(FluentRejectedException.class).hasMessage("no retailer for the customer: the command "
                + "has no retailerId, connection 'default' has no retailer-id, and its Fluent user has no primary retailer");
        assertThat(failure.getMessage()).doesNotContain(simulator.account().username()).doesNotContain(simulator.account().clientId());
        assertThat(simulator.customerCount()).isZero();

        simulator.primaryRetailer(true);
        assertThat(retailerId(client.createCustomer(customer("ann@example.com"), CREATE_CUSTOMER).get(10, TimeUnit.SECONDS).value()))
                .isEqualTo(simulator.account().retailerId());
    }

    private static String retailerId(JsonNode customer) {
        return customer.get("retailer").get("id").coerceStringValue();
    }

    private static CustomerDraft customer(String email) {
        return new CustomerDraft(null, null, email, "Ann", "Lee", null, null, null, false, List.of());
    }

    private static Throwable failure(CompletableFuture<?> call) throws Exception {
        try {
            call.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return FluentException.causeOf(e.getCause());
        }
        throw new AssertionError("the call succeeded");
    }
}
