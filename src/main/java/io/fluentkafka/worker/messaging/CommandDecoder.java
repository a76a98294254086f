package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.OperationCatalogue;
import io.fluentkafka.worker.messaging.ReleasedSchemas.ReleasedSchema;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads Avro single-object encoded commands ({@code C3 01}, 8-byte little-endian CRC-64-AVRO fingerprint of the
 * writer schema, binary body). Each topic accepts its own command's schema, current or released: every released
 * version of it ({@link ReleasedSchemas}) is another writer schema, read with a resolving reader into the current
 * class (fields it lacks get their defaults). Startup fails, naming the version and Avro's incompatibilities, if the
 * current schema cannot read a released one. Every way a value can be unreadable gets its own message.
 *
 * <p>The body is read straight from the value's bytes rather than through Avro's stream-based message decoder: a
 * hostile length prefix then fails as "needs more bytes than the value has" instead of allocating up to 2 GB.
 */
@Singleton
final class CommandDecoder {

    private static final int HEADER_LENGTH = 10;

    private final Map<String, String> names = new HashMap<>();
    private final Map<String, Long> fingerprints = new HashMap<>();
    private final Map<Long, WriterSchema> writers = new HashMap<>();

    /** A schema commands are written with, and the reader that turns it into the kind's generated class. */
    private record WriterSchema(String kind, SpecificDatumReader<? extends SpecificRecord> reader) {
    }

    @Inject
    CommandDecoder(OperationCatalogue catalogue) {
        this(catalogue, ReleasedSchemas.load(CommandDecoder.class.getClassLoader()));
    }

    /** Reads each kind's current schema and the released versions of it in {@code released}. */
    CommandDecoder(OperationCatalogue catalogue, List<ReleasedSchema> released) {
        AvroTrust.ensure();
        for (Operation<?> operation : catalogue.all()) {
            Schema current = OperationCatalogue.schemaOf(operation);
            register(operation.kind(), current, new SpecificDatumReader<>(operation.commandType()));
            names.put(operation.kind(), current.getName());
            fingerprints.put(operation.kind(), SchemaNormalization.parsingFingerprint64(current));
            released.stream().filter(old -> old.schema().getFullName().equals(current.getFullName()))
                    .forEach(old -> register(operation.kind(), old.schema(), resolvingReader(old, current)));
        }
    }

    /** The command of kind {@code expected} that {@code value} holds; its class is the kind's {@code commandType()}. */
    SpecificRecord decode(String expected, byte[] value) throws UndecodableRecordException {
        String expectedName = names.get(expected);
        if (value == null) {
            throw new UndecodableRecordException("record has no value (a tombstone); expected a " + expectedName + " command");
        }
        if (value.length < HEADER_LENGTH || value[0] != (byte) 0xC3 || value[1] != (byte) 0x01) {
            throw new UndecodableRecordException("value is not Avro single-object encoding (it must start with C3 01 and an 8-byte schema fingerprint)");
        }
        long fingerprint = ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        WriterSchema writer = writers.get(fingerprint);
        if (writer == null) {
            throw new UndecodableRecordException("unknown schema fingerprint " + hex(fingerprint) + "; expected a " + expectedName
                    + " command (fingerprint " + hex(fingerprints.get(expected)) + ")");
        }
        if (!writer.kind().equals(expected)) {
            throw new UndecodableRecordException("value is a " + names.get(writer.kind()) + " command, but this topic carries "
                    + expectedName + " commands");
        }
        int bodyLength = value.length - HEADER_LENGTH;
        try {
            return writer.reader().read(null, DecoderFactory.get().binaryDecoder(value, HEADER_LENGTH, bodyLength, null));
        } catch (EOFException e) {
            throw new UndecodableRecordException("value is truncated or corrupt: the " + expectedName + " body needs more than its "
                    + bodyLength + " bytes", e);
        } catch (IOException | RuntimeException e) {
            throw new UndecodableRecordException("cannot decode the " + expectedName + " body: " + describe(e), e);
        }
    }

    /** Another writer schema of {@code kind}; one the kind already reads (a released schema unchanged since) is kept. */
    private void register(String kind, Schema writer, SpecificDatumReader<? extends SpecificRecord> reader) {
        long fingerprint = SchemaNormalization.parsingFingerprint64(writer);
        WriterSchema known = writers.putIfAbsent(fingerprint, new WriterSchema(kind, reader));
        if (known != null && !known.kind().equals(kind)) {
            throw new IllegalStateException("kinds " + known.kind() + " and " + kind + " both have a schema of fingerprint " + hex(fingerprint));
        }
    }

    /** Reads data written with {@code old} as {@code current}; fails if Avro finds the current schema cannot. */
    private static SpecificDatumReader<SpecificRecord> resolvingReader(ReleasedSchema old, Schema current) {
        SchemaCompatibilityResult result = SchemaCompatibility.checkReaderWriterCompatibility(current, old.schema()).getResult();
        if (result.getCompatibility() != SchemaCompatibilityType.COMPATIBLE) {
            throw new IllegalStateException("the current " + current.getFullName() + " cannot read commands written with its released "
                    + old.version() + " schema (avro-released/" + old.version() + "/" + old.file() + "): "
                    + result.getIncompatibilities().stream().map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                    .collect(Collectors.joining("; ")));
        }
        return new SpecificDatumReader<>(old.schema(), current);
    }

    /** A fingerprint's bytes as they appear in the value. */
    private static String hex(long fingerprint) {
        return HexFormat.of().formatHex(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint).array());
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        String text = message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
