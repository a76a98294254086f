package io.fluentkafka.worker.command;

import jakarta.inject.Singleton;
import org.apache.avro.Schema;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every command kind the worker accepts, one operation each. Topics, decoding, replies and metrics are derived from
 * it. Startup fails, naming the offender, if two operations claim a kind, a kind is not kebab case or takes a name
 * of {@code worker.topics.*} that is not a command's, or a command schema lacks the metadata every command carries.
 */
@Singleton
public final class OperationCatalogue {

    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    /** Keys under {@code worker.topics} that are not command kinds. */
    public static final Set<String> RESERVED = Set.of("replies", "dead-letter-suffix");

    private final Map<String, Operation<?>> byKind = new LinkedHashMap<>();

    public OperationCatalogue(List<Operation<?>> operations) {
        if (operations.isEmpty()) {
            throw new IllegalStateException("no operations: the worker would accept no command");
        }
        operations.stream().sorted(Comparator.comparing(Operation::kind)).forEach(this::add);
    }

    /** Every operation, ordered by kind. */
    public Collection<Operation<?>> all() {
        return byKind.values();
    }

    private void add(Operation<?> operation) {
        String kind = operation.kind();
        String name = operation.getClass().getName();
        if (kind == null || !KEBAB.matcher(kind).matches()) {
            throw new IllegalStateException(name + " claims kind '" + kind + "'; a kind is kebab case, e.g. create-customer");
        }
        if (RESERVED.contains(kind)) {
            throw new IllegalStateException(name + " claims kind '" + kind + "', a name of worker.topics that is not a command's");
        }
        Operation<?> clash = byKind.putIfAbsent(kind, operation);
        if (clash != null) {
            throw new IllegalStateException(name + " and " + clash.getClass().getName() + " both claim kind '" + kind + "'");
        }
        checkMetadataFields(operation);
    }

    private static void checkMetadataFields(Operation<?> operation) {
        Schema schema = schemaOf(operation);
        for (int i = 0; i < CommandMetadata.FIELDS.size(); i++) {
            String field = CommandMetadata.FIELDS.get(i);
            Schema.Field found = schema.getField(field);
            if (found == null || found.pos() != i) {
                throw new IllegalStateException(schema.getFullName() + " (kind " + operation.kind() + ") must start with the fields "
                        + CommandMetadata.FIELDS + ", like every command schema");
            }
        }
    }

    /** The command class's schema, read from its generated {@code SCHEMA$}. */
    public static Schema schemaOf(Operation<?> operation) {
        try {
            return (Schema) operation.commandType().getField("SCHEMA$").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(operation.commandType().getName() + " is not a generated Avro class", e);
        }
    }
}
