package io.fluentkafka.worker.fluent;

/** A Fluent standard product as the worker reports it. */
public record Product(String id, String ref, String catalogueRef, String type, String name, String gtin,
                      String status) {
}
