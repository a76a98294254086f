package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.OperationCatalogue;
import io.fluentkafka.worker.config.FluentClientConfiguration;
import io.fluentkafka.worker.config.InventoryConfiguration;
import io.fluentkafka.worker.inventory.InventoryBatcher;
import io.fluentkafka.worker.time.SystemScheduler;
import io.micronaut.json.JsonMapper;

import java.time.Duration;
import java.util.List;

/** The worker's operations built by hand, with the default configuration, for tests without an application context. */
public final class TestOperations {

    private TestOperations() {
    }

    public static List<Operation<?>> all() {
        JsonMapper json = JsonMapper.createDefault();
        Attributes attributes = new Attributes(json);
        Duplicates duplicates = new Duplicates(new FluentClientConfiguration(Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofSeconds(60), List.of("C0121E", "C0123E", "C0128E"), "", List.of("S0040E"), "", List.of("C0003E", "S0002E")));
        Answers answers = new Answers(json);
        CustomerUpdates updates = new CustomerUpdates(attributes, answers);
        ProductMutations products = new ProductMutations(attributes, answers);
        OrderInputs orders = new OrderInputs(attributes);
        return List.of(new CreateCustomerOperation(attributes, duplicates, answers),
                new CreateProductOperation(products, duplicates), new GraphQlRequestOperation(json),
                new GetCurrentUserOperation(answers), new GetCustomerByEmailOperation(answers), new GetProductOperation(answers),
                new SendEventOperation(json), new UpdateCustomerOperation(attributes, updates),
                new UpsertCustomerOperation(attributes, duplicates, updates, answers), new CreateVariantProductOperation(products, duplicates),
                new UpdateStandardProductOperation(products), new UpdateVariantProductOperation(products),
                new UpsertProductOperation(products, duplicates), new CreateOrderOperation(orders, duplicates, answers),
                new CreateOrderAndCustomerOperation(orders, attributes, duplicates, answers), new UpdateOrderOperation(attributes, answers),
                new UpdateInventoryOperation(new InventoryBatcher(InventoryConfiguration.defaults(), new SystemScheduler(java.time.Clock.systemUTC()))));
    }

    public static OperationCatalogue catalogue() {
        return new OperationCatalogue(all());
    }

    public static Operation<?> byKind(String kind) {
        return all().stream().filter(operation -> operation.kind().equals(kind)).findFirst().orElseThrow();
    }

    /** The kinds of the worker's operations, ordered. */
    public static List<String> kinds() {
        return catalogue().all().stream().map(Operation::kind).toList();
    }
}
