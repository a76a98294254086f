/**
 * The Kafka edges: listeners take command records, Avro is mapped to and from commands and replies, and
 * replies and dead letters are published. Avro-generated classes never leave this package.
 */
package io.fluentkafka.worker.messaging;
