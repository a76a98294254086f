package io.fluentkafka.worker.command;

/** The kinds of command the worker accepts, one topic each. */
public enum CommandType {
    CREATE_CUSTOMER,
    CREATE_PRODUCT,
    GRAPHQL_REQUEST,
    GET_CURRENT_USER,
    GET_CUSTOMER_BY_EMAIL
}
