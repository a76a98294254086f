/**
 * What a command is and what handling it yields: validation, the call to Fluent with bounded retries, and a
 * closed set of outcomes. No Kafka, HTTP or Avro type appears here.
 */
package io.fluentkafka.worker.command;
