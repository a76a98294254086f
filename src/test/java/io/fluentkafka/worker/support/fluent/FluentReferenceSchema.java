package io.fluentkafka.worker.support.fluent;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.MockedWiringFactory;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.ScalarWiringEnvironment;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Fluent's own GraphQL schema as an account served it in October 2023 ({@code src/test/resources/fluent-reference},
 * provenance there): the contract that what the worker sends, and what the simulator declares, are checked against.
 * Immutable and thread-safe.
 *
 * <p>Built like {@code UnExecutableSchemaGenerator.makeUnExecutableSchema} (every field answers null), except that
 * the custom scalars {@code Json} and {@code DateTime} coerce as the simulator's do: the mocked scalars of
 * graphql-java throw on every value, so no variable of those types could be checked.
 */
public final class FluentReferenceSchema {

    static final String RESOURCE = "/fluent-reference/fluent-schema-2023-10.graphql";

    private final TypeDefinitionRegistry typeDefinitions;
    private final GraphQLSchema schema;
    private final GraphQL graphQl;

    private FluentReferenceSchema(TypeDefinitionRegistry typeDefinitions) {
        this.typeDefinitions = typeDefinitions;
        this.schema = new SchemaGenerator().makeExecutableSchema(typeDefinitions, answeringNull());
        this.graphQl = GraphQL.newGraphQL(schema).build();
    }

    /** Parses the vendored schema; takes about a second, so load it once per test class. */
    public static FluentReferenceSchema load() {
        try (InputStream sdl = FluentReferenceSchema.class.getResourceAsStream(RESOURCE)) {
            if (sdl == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            return new FluentReferenceSchema(new SchemaParser().parse(new String(sdl.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The declarations as written in the SDL, for comparing another SDL with them. */
    public TypeDefinitionRegistry typeDefinitions() {
        return typeDefinitions;
    }

    /** Why Fluent would refuse the document itself (syntax or validation), one message per error; empty when valid. */
    public List<String> documentErrors(String document) {
        Document parsed;
        try {
            parsed = Parser.parse(document);
        } catch (InvalidSyntaxException e) {
            return List.of("syntax: " + e.getMessage());
        }
        return new Validator().validateDocument(schema, parsed, Locale.ROOT).stream()
                .map(error -> error.getValidationErrorType() + ": " + error.getMessage())
                .toList();
    }

    /**
     * Why Fluent would refuse this request, one message per error; empty when the document is valid and the
     * variables coerce to its variable types: required values present and not null, scalars of the right type,
     * no input field the schema does not declare. Every field answers null here, so no error comes from data.
     */
    public List<String> requestErrors(String document, String operationName, Map<String, Object> variables) {
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(document)
                .operationName(operationName)
                .variables(variables)
                .build();
        return graphQl.execute(input).getErrors().stream().map(FluentReferenceSchema::describe).toList();
    }

    private static String describe(GraphQLError error) {
        return error.getErrorType() + ": " + error.getMessage();
    }

    /** Mocked wiring (null for every field, any object type for interfaces and unions) with coercing scalars. */
    private static RuntimeWiring answeringNull() {
        Set<String> coercing = Set.of("Json", "DateTime");
        MockedWiringFactory mocked = new MockedWiringFactory() {
            @Override
            public boolean providesScalar(ScalarWiringEnvironment environment) {
                return !coercing.contains(environment.getScalarTypeDefinition().getName()) && super.providesScalar(environment);
            }
        };
        return RuntimeWiring.newRuntimeWiring()
                .wiringFactory(mocked)
                .scalar(GraphQLScalarType.newScalar().name("Json").coercing(new JsonCoercing()).build())
                .scalar(GraphQLScalarType.newScalar().name("DateTime").coercing(new DateTimeCoercing()).build())
                .build();
    }
}
