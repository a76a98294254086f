package io.fluentkafka.worker.command;

import io.fluentkafka.worker.fluent.CustomerDraft;
import io.fluentkafka.worker.fluent.ProductDraft;

/** A request to do one thing in Fluent. */
public sealed interface Command {

    CommandMetadata metadata();

    CommandType type();

    record CreateCustomer(CommandMetadata metadata, CustomerDraft customer) implements Command {
        @Override
        public CommandType type() {
            return CommandType.CREATE_CUSTOMER;
        }
    }

    record CreateProduct(CommandMetadata metadata, ProductDraft product) implements Command {
        @Override
        public CommandType type() {
            return CommandType.CREATE_PRODUCT;
        }
    }

    /** {@code variables} is a JSON object as text, or null. */
    record GraphQlRequest(CommandMetadata metadata, String query, String variables, String operationName) implements Command {
        @Override
        public CommandType type() {
            return CommandType.GRAPHQL_REQUEST;
        }
    }

    record GetCurrentUser(CommandMetadata metadata) implements Command {
        @Override
        public CommandType type() {
            return CommandType.GET_CURRENT_USER;
        }
    }

    record GetCustomerByEmail(CommandMetadata metadata, String primaryEmail) implements Command {
        @Override
        public CommandType type() {
            return CommandType.GET_CUSTOMER_BY_EMAIL;
        }
    }
}
