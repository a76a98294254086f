package io.fluentkafka.worker.command;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The GraphQL document each kind sends for each of its root fields ({@link Operation#documents()}): the default, unless
 * {@code worker.operations.<kind>.document} replaces it. A replacing document replaces the default of the root field it
 * selects; it is checked at startup ({@link DocumentCheck}), and startup fails naming the key when it does not fit,
 * when the kind is unknown, or when the kind sends no document of its own.
 */
@Singleton
public final class OperationDocuments {

    public static final String PREFIX = "worker.operations";
    private static final String SUFFIX = "-document";

    private final Map<String, Map<String, Document>> byKind = new HashMap<>();

    @Inject
    OperationDocuments(OperationCatalogue catalogue, PropertyResolver properties) {
        this(catalogue, configured(properties));
    }

    /** {@code configured}: the document text configured for each kind, by kind. */
    public OperationDocuments(OperationCatalogue catalogue, Map<String, String> configured) {
        Map<String, Operation<?>> operations = new LinkedHashMap<>();
        for (Operation<?> operation : catalogue.all()) {
            operations.put(operation.kind(), operation);
            Map<String, Document> documents = new HashMap<>();
            operation.documents().forEach((field, text) -> {
                String root = DocumentCheck.rootField("the default " + field + " document of kind " + operation.kind(), text, Map.of(field, text));
                documents.put(root, new Document(root, text, false));
            });
            byKind.put(operation.kind(), documents);
        }
        new TreeMap<>(configured).forEach((kind, text) -> replace(operations, kind, text));
    }

    /** The document {@code kind} sends for its root field {@code field}; an undeclared one is a worker bug. */
    public Document document(String kind, String field) {
        Document document = byKind.getOrDefault(kind, Map.of()).get(field);
        if (document == null) {
            throw new IllegalStateException("kind " + kind + " declares no document for root field " + field);
        }
        return document;
    }

    private void replace(Map<String, Operation<?>> operations, String kind, String text) {
        String key = PREFIX + "." + kind + ".document";
        Operation<?> operation = operations.get(kind);
        List<String> replaceable = operations.values().stream().filter(o -> !o.documents().isEmpty()).map(Operation::kind).toList();
        if (operation == null) {
            throw new ConfigurationException(key + " names no command kind '" + kind + "'; kinds whose document can be replaced: "
                    + String.join(", ", replaceable));
        }
        if (operation.documents().isEmpty()) {
            throw new ConfigurationException(key + ": kind " + kind + " sends no GraphQL document of its own to replace (it sends "
                    + "the command's, or other kinds' as an upsert sends its create- and update- kinds', or uses REST); kinds whose "
                    + "document can be replaced: " + String.join(", ", replaceable));
        }
        String field = DocumentCheck.rootField(key, text, operation.documents());
        byKind.get(kind).put(field, new Document(field, text, true));
    }

    /**
     * Every {@code worker.operations.<kind>.document}, by kind. An environment variable stands for several names
     * ({@code WORKER_OPERATIONS_GET_PRODUCT_DOCUMENT}: {@code get-product.document}, {@code get.product.document},
     * {@code get-product-document}, ...), all the same once their dots are hyphens; the kebab-case one holds the text.
     * Any other name under the prefix (a misspelt {@code .documnet}, a {@code .query}) fails startup naming it, rather
     * than leave the kind silently on its default.
     */
    private static Map<String, String> configured(PropertyResolver properties) {
        Map<String, String> configured = new HashMap<>();
        for (String name : new TreeMap<>(properties.getProperties(PREFIX)).keySet()) {
            String hyphenated = name.replace('.', '-');
            String kind = hyphenated.endsWith(SUFFIX) ? hyphenated.substring(0, hyphenated.length() - SUFFIX.length()) : "";
            Optional<String> text = kind.isEmpty() ? Optional.empty()
                    : properties.getProperty(PREFIX + "." + kind + ".document", String.class);
            if (text.isEmpty()) {
                throw new ConfigurationException(PREFIX + "." + name + " (environment variable " + PREFIX.replace('.', '_')
                        .toUpperCase(Locale.ROOT) + "_" + hyphenated.replace('-', '_').toUpperCase(Locale.ROOT) + ") is not a setting "
                        + "of the worker: the only key under " + PREFIX + ".<kind>. is document, as in " + PREFIX + ".<kind>.document");
            }
            configured.put(kind, text.get());
        }
        return configured;
    }
}
