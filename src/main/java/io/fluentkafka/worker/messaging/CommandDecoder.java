package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.avro.CreateCustomer;
import io.fluentkafka.worker.avro.CreateProduct;
import io.fluentkafka.worker.avro.GetCurrentUser;
import io.fluentkafka.worker.avro.GetCustomerByEmail;
import io.fluentkafka.worker.avro.GraphQlRequest;
import io.fluentkafka.worker.command.CommandType;
import jakarta.inject.Singleton;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Reads Avro single-object encoded commands ({@code C3 01}, 8-byte little-endian CRC-64-AVRO fingerprint of the
 * writer schema, binary body). Each topic accepts its own command's schema; older versions of that schema can be
 * registered with the decoder for evolution. Every way a value can be unreadable gets its own message.
 */
@Singleton
final class CommandDecoder {

    private static final int HEADER_LENGTH = 10;

    private final Map<CommandType, BinaryMessageDecoder<? extends SpecificRecord>> decoders = new EnumMap<>(CommandType.class);
    private final Map<CommandType, Schema> schemas = new EnumMap<>(CommandType.class);
    private final Map<Long, CommandType> typeByFingerprint = new HashMap<>();

    CommandDecoder() {
        AvroTrust.ensure();
        register(CommandType.CREATE_CUSTOMER, CreateCustomer.getClassSchema(), CreateCustomer.getDecoder());
        register(CommandType.CREATE_PRODUCT, CreateProduct.getClassSchema(), CreateProduct.getDecoder());
        register(CommandType.GRAPHQL_REQUEST, GraphQlRequest.getClassSchema(), GraphQlRequest.getDecoder());
        register(CommandType.GET_CURRENT_USER, GetCurrentUser.getClassSchema(), GetCurrentUser.getDecoder());
        register(CommandType.GET_CUSTOMER_BY_EMAIL, GetCustomerByEmail.getClassSchema(), GetCustomerByEmail.getDecoder());
    }

    SpecificRecord decode(CommandType expected, byte[] value) throws UndecodableRecordException {
        String expectedName = schemas.get(expected).getName();
        if (value == null) {
            throw new UndecodableRecordException("record has no value (a tombstone); expected a " + expectedName + " command");
        }
        if (value.length < HEADER_LENGTH || value[0] != (byte) 0xC3 || value[1] != (byte) 0x01) {
            throw new UndecodableRecordException("value is not Avro single-object encoding (it must start with C3 01 and an 8-byte schema fingerprint)");
        }
        long fingerprint = ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        CommandType actual = typeByFingerprint.get(fingerprint);
        if (actual != null && actual != expected) {
            throw new UndecodableRecordException("value is a " + schemas.get(actual).getName() + " command, but this topic carries "
                    + expectedName + " commands");
        }
        try {
            return decoders.get(expected).decode(value);
        } catch (MissingSchemaException e) {
            throw new UndecodableRecordException("unknown schema fingerprint " + HexFormat.of().toHexDigits(fingerprint)
                    + "; expected a " + expectedName + " command", e);
        } catch (IOException | RuntimeException e) {
            throw new UndecodableRecordException("cannot decode the " + expectedName + " body: " + describe(e), e);
        }
    }

    private void register(CommandType type, Schema schema, BinaryMessageDecoder<? extends SpecificRecord> decoder) {
        schemas.put(type, schema);
        decoders.put(type, decoder);
        typeByFingerprint.put(SchemaNormalization.parsingFingerprint64(schema), type);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        String text = message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
