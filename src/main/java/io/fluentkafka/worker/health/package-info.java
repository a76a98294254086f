/**
 * What the health endpoints say: liveness is the command consumer's poll loop (a dead or stuck loop should get
 * the pod restarted); readiness adds Kafka (micronaut-kafka's indicator) and every Fluent connection.
 */
package io.fluentkafka.worker.health;
