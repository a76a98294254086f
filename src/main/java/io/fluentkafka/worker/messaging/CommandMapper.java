package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.avro.Attribute;
import io.fluentkafka.worker.avro.CreateCustomer;
import io.fluentkafka.worker.avro.CreateProduct;
import io.fluentkafka.worker.avro.GetCurrentUser;
import io.fluentkafka.worker.avro.GetCustomerByEmail;
import io.fluentkafka.worker.avro.GraphQlRequest;
import io.fluentkafka.worker.command.Command;
import io.fluentkafka.worker.command.CommandMetadata;
import io.fluentkafka.worker.fluent.AttributeInput;
import io.fluentkafka.worker.fluent.CustomerDraft;
import io.fluentkafka.worker.fluent.ProductDraft;
import org.apache.avro.specific.SpecificRecord;

import java.util.List;

/** Pure translation of decoded Avro commands into {@link Command}s; no checks beyond what Avro's types give. */
final class CommandMapper {

    private CommandMapper() {
    }

    static Command toCommand(SpecificRecord record) {
        if (record instanceof CreateCustomer c) {
            return new Command.CreateCustomer(new CommandMetadata(c.getCommandId(), c.getCorrelationId(), c.getConnection()),
                    new CustomerDraft(c.getRetailerId(), c.getUsername(), c.getPrimaryEmail(), c.getFirstName(), c.getLastName(),
                            c.getPrimaryPhone(), c.getCountry(), c.getTimezone(), c.getPromotionOptIn(), attributes(c.getAttributes())));
        }
        if (record instanceof CreateProduct c) {
            return new Command.CreateProduct(new CommandMetadata(c.getCommandId(), c.getCorrelationId(), c.getConnection()),
                    new ProductDraft(c.getCatalogueRef(), c.getRef(), c.getType(), c.getName(), c.getSummary(), c.getGtin(),
                            c.getPriceCurrency(), c.getPriceValue(), attributes(c.getAttributes())));
        }
        if (record instanceof GraphQlRequest c) {
            return new Command.GraphQlRequest(new CommandMetadata(c.getCommandId(), c.getCorrelationId(), c.getConnection()),
                    c.getQuery(), c.getVariables(), c.getOperationName());
        }
        if (record instanceof GetCurrentUser c) {
            return new Command.GetCurrentUser(new CommandMetadata(c.getCommandId(), c.getCorrelationId(), c.getConnection()));
        }
        if (record instanceof GetCustomerByEmail c) {
            return new Command.GetCustomerByEmail(new CommandMetadata(c.getCommandId(), c.getCorrelationId(), c.getConnection()),
                    c.getPrimaryEmail());
        }
        throw new IllegalArgumentException("not a command schema: " + record.getSchema().getFullName());
    }

    private static List<AttributeInput> attributes(List<Attribute> attributes) {
        return attributes.stream().map(a -> new AttributeInput(a.getName(), a.getType(), a.getValue())).toList();
    }
}
