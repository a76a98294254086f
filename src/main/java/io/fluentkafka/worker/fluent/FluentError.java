package io.fluentkafka.worker.fluent;

/**
 * One entry of Fluent's GraphQL {@code errors[]}.
 *
 * @param message Fluent's message
 * @param code    the Fluent code such as {@code C0123E}, from {@code extensions.code} or the message; null if none
 * @param path    the GraphQL path joined with dots; null if none
 */
public record FluentError(String message, String code, String path) {
}
