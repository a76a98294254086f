/**
 * The Fluent adapter: per connection, OAuth tokens behind one bearer filter and two ports, {@link
 * io.fluentkafka.worker.fluent.GraphQlPort} and {@link io.fluentkafka.worker.fluent.RestPort}, that share one HTTP
 * status policy and one translation of Fluent's answers into this package's own result and exception types.
 * Nothing outside this package sees an HTTP status.
 */
package io.fluentkafka.worker.fluent;
