package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.CustomerResult;
import io.fluentkafka.worker.avro.ProductResult;
import io.fluentkafka.worker.avro.UserResult;
import io.fluentkafka.worker.fluent.Customer;
import io.fluentkafka.worker.fluent.Product;
import io.fluentkafka.worker.fluent.User;

/** Fluent's entities as the reply's result records. */
final class Results {

    private Results() {
    }

    static CustomerResult customer(Customer c) {
        return new CustomerResult(c.id(), c.ref(), c.username(), c.primaryEmail(), c.firstName(), c.lastName(), c.status(), c.retailerId());
    }

    static ProductResult product(Product p) {
        return new ProductResult(p.id(), p.ref(), p.catalogueRef(), p.type(), p.name(), p.gtin(), p.status());
    }

    static UserResult user(User u) {
        return new UserResult(u.id(), u.ref(), u.username(), u.primaryEmail(), u.firstName(), u.lastName(), u.type(), u.status(),
                u.primaryRetailerId());
    }
}
