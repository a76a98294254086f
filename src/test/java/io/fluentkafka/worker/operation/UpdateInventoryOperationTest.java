package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.UpdateInventory;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Violation;
import io.fluentkafka.worker.inventory.InventoryPosition;
import io.fluentkafka.worker.messaging.AvroTrust;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** UpdateInventory's checks name each field Fluent would refuse, before any call; its defaults are Fluent's example's. */
class UpdateInventoryOperationTest {

    static {
        AvroTrust.ensure();
    }

    private final UpdateInventoryOperation operation = (UpdateInventoryOperation) TestOperations.byKind("update-inventory");

    @Test
    void acceptsAFullPosition() {
        UpdateInventory full = position().setCorrectedQty(0).setType("LAST_ON_HAND").setStatus("INACTIVE")
                .setCatalogueRef("DEFAULT:2").setRetailerId("2").build();

        assertThat(violations(full)).isEmpty();
    }

    @Test
    void requiresTheRefsAndQuantitiesThatAreNotNegative() {
        UpdateInventory bad = UpdateInventory.newBuilder().setCommandId("i-1").setLocationRef("").setSkuRef(" ").setQty(-1)
                .setCorrectedQty(-3).build();

        assertThat(violations(bad)).extracting(Violation::toString).containsExactly("locationRef is required", "skuRef is required",
                "qty must not be negative, got -1", "correctedQty must not be negative, got -3");
    }

    @Test
    void boundsEachTextFieldAndChecksTheRetailerId() {
        String tooLong = "x".repeat(UpdateInventoryOperation.TEXT_MAX + 1);
        UpdateInventory bad = position().setLocationRef(tooLong).setType(tooLong).setStatus(" ").setCatalogueRef(tooLong)
                .setRetailerId("one").build();

        assertThat(violations(bad)).extracting(Violation::toString).containsExactly(
                "locationRef is 256 characters long; at most 255 are allowed",
                "type is 256 characters long; at most 255 are allowed",
                "status must not be blank when given",
                "catalogueRef is 256 characters long; at most 255 are allowed",
                "retailerId must be a number (digits only), got 'one'");
    }

    @Test
    void defaultsTypeStatusAndCatalogue() {
        assertThat(UpdateInventoryOperation.position(position().build()))
                .isEqualTo(new InventoryPosition("STORE-1", "SKU-1", 5, null, "LAST_ON_HAND", "ACTIVE"));
        assertThat(UpdateInventoryOperation.destination(null, "7", null).catalogueRef()).isEqualTo("DEFAULT:7");
        assertThat(UpdateInventoryOperation.destination(null, "7", "INV:7").catalogueRef()).isEqualTo("INV:7");
    }

    @Test
    void aRetailerIdWithLeadingZerosIsTheSameRetailer() {
        assertThat(UpdateInventoryOperation.destination(null, "0042", null))
                .isEqualTo(UpdateInventoryOperation.destination(null, "42", null))
                .satisfies(d -> assertThat(d.catalogueRef()).isEqualTo("DEFAULT:42"));
        assertThat(UpdateInventoryOperation.destination(null, "000", "INV").retailerId()).isEqualTo("0");
    }

    private static UpdateInventory.Builder position() {
        return UpdateInventory.newBuilder().setCommandId("i-1").setLocationRef("STORE-1").setSkuRef("SKU-1").setQty(5);
    }

    private List<Violation> violations(UpdateInventory command) {
        Checks checks = new Checks();
        operation.validate(command, checks);
        return checks.violations();
    }
}
