/**
 * The Fluent-to-Kafka edge: signed webhooks from Fluent come in over HTTP, are verified, de-duplicated per pod and
 * published as Avro {@code FluentEvent} records; the HTTP answer waits for Kafka's acknowledgement. Off unless
 * {@code worker.webhooks.enabled} is true. Nothing here calls Fluent.
 */
package io.fluentkafka.worker.webhook;
