/**
 * One {@link io.fluentkafka.worker.command.Operation} per command kind: how its Avro command is checked, which
 * Fluent calls it makes, and which result record its reply carries. A new kind is a schema in {@code avro/}, one
 * class here, a symbol in the reply's {@code CommandType}, and its tests; everything else derives from the
 * catalogue.
 */
package io.fluentkafka.worker.operation;
