package io.fluentkafka.worker.fluent;

/**
 * One error Fluent reported: an entry of {@code errors[]} (GraphQL or REST), or a REST or OAuth error body.
 *
 * @param message Fluent's message; it may quote user data, so nothing is decided from it
 * @param code    the code such as {@code C0123E} (or a REST code such as {@code NotNull}, an OAuth {@code error}),
 *                from {@code extensions.code}, {@code code} or {@code error}, else from the very start of the
 *                message; null if none
 * @param path    the GraphQL path joined with dots; null if none
 */
public record FluentError(String message, String code, String path) {
}
