package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.GetProduct;
import io.fluentkafka.worker.avro.ProductKind;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Violation;
import io.fluentkafka.worker.messaging.AvroTrust;
import io.fluentkafka.worker.support.fluent.FluentReferenceSchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** GetProduct's documents, with the variables it builds, are valid against Fluent's real schema; its checks name the field. */
class GetProductConformanceTest {

    static {
        AvroTrust.ensure(); // a builder reads the enum's default through Avro's class checks
    }

    private final FluentReferenceSchema fluent = FluentReferenceSchema.load();
    private final GetProduct command = GetProduct.newBuilder().setCommandId("g-1").setCatalogueRef("PC:MASTER:1").setRef("SKU-1")
            .setProductKind(ProductKind.VARIANT).build();

    @Test
    void bothLookupsAreValidRequestsAgainstFluentsSchema() {
        assertThat(fluent.requestErrors(GetProductOperation.STANDARD_PRODUCT, null, GetProductOperation.variables(command))).isEmpty();
        assertThat(fluent.requestErrors(GetProductOperation.VARIANT_PRODUCT, null, GetProductOperation.variables(command))).isEmpty();
    }

    @Test
    void refusesABlankRefAndAnOverlongCatalogueRef() {
        GetProduct bad = GetProduct.newBuilder().setCommandId("g-2").setRef(" ").setCatalogueRef("c".repeat(101)).build();
        Checks checks = new Checks();

        new GetProductOperation(null).validate(bad, checks);

        assertThat(checks.violations()).extracting(Violation::toString).containsExactly(
                "catalogueRef is 101 characters long; at most 100 are allowed", "ref is required");
    }
}
