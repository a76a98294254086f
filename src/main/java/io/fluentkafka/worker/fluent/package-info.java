/**
 * The Fluent adapter: OAuth tokens, the GraphQL transport and the translation of Fluent's answers into this
 * package's own result and exception types. Nothing outside this package sees an HTTP status or {@code errors[]}.
 */
package io.fluentkafka.worker.fluent;
