package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.avro.CreateCustomer;
import io.fluentkafka.worker.avro.CreateProduct;
import io.fluentkafka.worker.avro.GetCurrentUser;
import io.fluentkafka.worker.messaging.ReleasedSchemas.ReleasedSchema;
import io.fluentkafka.worker.operation.TestOperations;
import io.fluentkafka.worker.support.kafka.CommandProducer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

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
    void readsACommandWrittenWithAReleasedSchemaIntoTheCurrentClassWithNewFieldsAtTheirDefaults() throws Exception {
        Schema released = without(CreateCustomer.getClassSchema(), "promotionOptIn", "username");
        CommandDecoder evolved = new CommandDecoder(TestOperations.catalogue(), List.of(new ReleasedSchema("0.0.9", "CreateCustomer.avsc", released)));
        GenericRecord old = new GenericRecordBuilder(released).set("commandId", "c-old").set("primaryEmail", "old@example.com")
                .set("firstName", "Old").set("timezone", "Australia/Sydney").build();

        assertThat(evolved.decode("create-customer", encode(old))).isInstanceOfSatisfying(CreateCustomer.class, c -> {
            assertThat(c.getPrimaryEmail()).isEqualTo("old@example.com");
            assertThat(c.getTimezone()).isEqualTo("Australia/Sydney");
            assertThat(c.getPromotionOptIn()).isFalse();
            assertThat(c.getUsername()).isNull();
            assertThat(c.getAttributes()).isEmpty();
        });
        assertThat(evolved.decode("create-customer", customer)).as("the current schema still reads").isInstanceOf(CreateCustomer.class);
        assertThatThrownBy(() -> decoder.decode("create-customer", encode(old))).as("a worker without that release")
                .hasMessageStartingWith("unknown schema fingerprint");
    }

    /** CreateProduct gained prices after 0.1.0: a 0.1.0 producer's command reads with no prices and its one price kept. */
    @Test
    void readsACreateProductOfTheReleased010Schema() throws Exception {
        Schema released = ReleasedSchemas.load(getClass().getClassLoader()).stream()
                .filter(schema -> schema.version().equals("0.1.0") && schema.file().equals("CreateProduct.avsc")).findFirst().orElseThrow()
                .schema();
        GenericRecord old = new GenericRecordBuilder(released).set("commandId", "p-old").set("catalogueRef", "PC:MASTER:1")
                .set("ref", "SKU-OLD").set("name", "Old shirt").set("gtin", "1").set("priceCurrency", "AUD").set("priceValue", 19.95).build();

        assertThat(released.getField("prices")).isNull();
        assertThat(decoder.decode("create-product", encode(old))).isInstanceOfSatisfying(CreateProduct.class, p -> {
            assertThat(p.getRef()).isEqualTo("SKU-OLD");
            assertThat(p.getType()).isEqualTo("STANDARD");
            assertThat(p.getPriceCurrency()).isEqualTo("AUD");
            assertThat(p.getPriceValue()).isEqualTo(19.95);
            assertThat(p.getPrices()).isEmpty();
        });
    }

    @Test
    void refusesToStartWhenTheCurrentSchemaCannotReadAReleasedOne() {
        Schema.Field email = CreateCustomer.getClassSchema().getField("primaryEmail");
        Schema released = withField(without(CreateCustomer.getClassSchema(), "primaryEmail"),
                new Schema.Field(email.name(), Schema.create(Schema.Type.INT), email.doc(), (Object) null));
        List<ReleasedSchema> incompatible = List.of(new ReleasedSchema("0.0.9", "CreateCustomer.avsc", released));

        assertThatThrownBy(() -> new CommandDecoder(TestOperations.catalogue(), incompatible))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the current io.fluentkafka.worker.avro.CreateCustomer cannot read commands written with its released "
                        + "0.0.9 schema (avro-released/0.0.9/CreateCustomer.avsc): TYPE_MISMATCH at /fields/");
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

    /** Single-object encoding with any schema, as a producer on another release writes it. */
    private static byte[] encode(GenericRecord record) throws IOException {
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), record.getSchema()).encode(record);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** A copy of the record schema without the named fields. */
    private static Schema without(Schema record, String... names) {
        List<Schema.Field> fields = record.getFields().stream().filter(field -> !List.of(names).contains(field.name()))
                .map(field -> new Schema.Field(field, field.schema())).toList();
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }

    private static Schema withField(Schema record, Schema.Field added) {
        List<Schema.Field> fields = new ArrayList<>(without(record).getFields().stream().map(field -> new Schema.Field(field, field.schema())).toList());
        fields.add(added);
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }
}
