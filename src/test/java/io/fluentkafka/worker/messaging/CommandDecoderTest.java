package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.avro.CreateCustomer;
import io.fluentkafka.worker.avro.GetCurrentUser;
import io.fluentkafka.worker.operation.TestOperations;
import io.fluentkafka.worker.support.kafka.CommandProducer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each way a value can be unreadable gets its own message, and none of them costs more memory than the value. */
class CommandDecoderTest {

    private final CommandDecoder decoder = new CommandDecoder(TestOperations.catalogue());
    private final byte[] customer = CommandProducer.encode(CreateCustomer.newBuilder()
            .setCommandId("c-1").setPrimaryEmail("jane@example.com").setFirstName("Jane").build());

    @Test
    void decodesItsTopicsCommand() throws UndecodableRecordException {
        assertThat(decoder.decode("create-customer", customer)).isInstanceOfSatisfying(CreateCustomer.class,
                c -> assertThat(c.getPrimaryEmail()).isEqualTo("jane@example.com"));
    }

    @Test
    void namesBothFingerprintsAsTheyAppearInTheValueWhenTheSchemaIsUnknown() {
        byte[] unknown = customer.clone();
        Arrays.fill(unknown, 2, 10, (byte) 0xAB);

        assertThatThrownBy(() -> decoder.decode("create-customer", unknown)).hasMessage(
                "unknown schema fingerprint abababababababab; expected a CreateCustomer command (fingerprint "
                        + HexFormat.of().formatHex(customer, 2, 10) + ")");
    }

    @Test
    void refusesAnotherCommandsSchema() {
        byte[] user = CommandProducer.encode(GetCurrentUser.newBuilder().setCommandId("u-1").build());

        assertThatThrownBy(() -> decoder.decode("create-customer", user))
                .hasMessage("value is a GetCurrentUser command, but this topic carries CreateCustomer commands");
    }

    @Test
    void saysATruncatedValueIsTruncated() {
        byte[] half = Arrays.copyOf(customer, customer.length / 2);

        assertThatThrownBy(() -> decoder.decode("create-customer", half))
                .hasMessage("value is truncated or corrupt: the CreateCustomer body needs more than its " + (half.length - 10) + " bytes");
    }

    @Test
    void refusesALengthPrefixLongerThanTheValueWithoutAllocatingIt() {
        byte[] hostile = Arrays.copyOf(customer, 20);
        // commandId's length prefix: zig-zag varint for 512 MiB
        System.arraycopy(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04}, 0, hostile, 10, 5);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();

        assertThatThrownBy(() -> decoder.decode("create-customer", hostile)).hasMessageStartingWith("value is truncated or corrupt");
        assertThat(threads.getCurrentThreadAllocatedBytes() - allocatedBefore).isLessThan(10_000_000);
    }

    @Test
    void saysWhatIsWrongWithATombstoneOrAValueThatIsNotSingleObjectEncoded() {
        assertThatThrownBy(() -> decoder.decode("create-customer", null))
                .hasMessage("record has no value (a tombstone); expected a CreateCustomer command");
        assertThatThrownBy(() -> decoder.decode("create-customer", "{\"commandId\":\"c-1\"}".getBytes()))
                .hasMessageStartingWith("value is not Avro single-object encoding");
    }
}
