package io.fluentkafka.worker.support.fluent;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * graphql-java executing the subset of Fluent's schema in {@code fluent-simulator/schema.graphqls}.
 * Thread-safe: one {@link GraphQL} instance serves every request; the fetchers synchronise on their stores.
 */
final class SimulatorGraphQl {

    private static final String SCHEMA_RESOURCE = "/fluent-simulator/schema.graphqls";


    private final GraphQL graphQl;
    private final Map<String, PreparsedDocumentEntry> parsed = new ConcurrentHashMap<>();

    SimulatorGraphQl(CustomerFetchers customers, ProductFetchers products, ProductUpdateFetchers productUpdates, OrderFetchers orders,
                     AccountProfile profile) {
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .scalar(scalar("Json", "Plain JSON object", new JsonCoercing()))
                .scalar(scalar("DateTime", "DATETIME in ISO8601 format", new DateTimeCoercing()))
                .type("Query", query -> query
                        .dataFetcher("me", environment -> profile.user())
                        .dataFetcher("customer", customers::byRef)
                        .dataFetcher("customerById", customers::byId)
                        .dataFetcher("customers", customers::search)
                        .dataFetcher("standardProduct", products::findStandard)
                        .dataFetcher("variantProduct", products::findVariant)
                        .dataFetcher("order", orders::find))
                .type("Retailer", retailer -> retailer.dataFetcher("tradingName", profile::tradingName))
                .type("Mutation", mutation -> mutation
                        .dataFetcher("createCustomer", customers::create)
                        .dataFetcher("updateCustomer", customers::update)
                        .dataFetcher("createStandardProduct", products::create)
                        .dataFetcher("createVariantProduct", products::createVariant)
                        .dataFetcher("updateStandardProduct", productUpdates::updateStandard)
                        .dataFetcher("updateVariantProduct", productUpdates::updateVariant)
                        .dataFetcher("createOrder", orders::create)
                        .dataFetcher("createOrderAndCustomer", orders::createWithCustomer)
                        .dataFetcher("updateOrder", orders::update))
                .build();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(typeDefinitions(), wiring);
        this.graphQl = GraphQL.newGraphQL(schema).preparsedDocumentProvider(this::parsedOnce).build();
    }

    /**
     * Parses and validates each distinct document once: the worker sends the same few documents over and over,
     * and parsing them again for every request made the simulator the benchmark machine's busiest process.
     * Documents that do not parse are not cached, so their errors stay the same every time.
     */
    private CompletableFuture<PreparsedDocumentEntry> parsedOnce(ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parse) {
        PreparsedDocumentEntry cached = parsed.get(input.getQuery());
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        PreparsedDocumentEntry entry = parse.apply(input);
        if (!entry.hasErrors() && parsed.size() < 1_000) {
            parsed.put(input.getQuery(), entry);
        }
        return CompletableFuture.completedFuture(entry);
    }

    /**
     * The result in the GraphQL specification's shape: {@code data} is absent when the document did not
     * parse or validate, and every error carries {@code extensions.classification}.
     */
    Map<String, Object> execute(String query, Map<String, Object> variables, String operationName) {
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(query)
                .variables(variables == null ? Map.of() : variables)
                .operationName(operationName)
                .build();
        return graphQl.execute(input).toSpecification();
    }

    private static GraphQLScalarType scalar(String name, String description, graphql.schema.Coercing<?, ?> coercing) {
        return GraphQLScalarType.newScalar().name(name).description(description).coercing(coercing).build();
    }

    /** The simulator's SDL as written; {@code SimulatorSchemaConformanceTest} compares it with Fluent's. */
    static TypeDefinitionRegistry typeDefinitions() {
        try (InputStream sdl = SimulatorGraphQl.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (sdl == null) {
                throw new IllegalStateException("missing test resource " + SCHEMA_RESOURCE);
            }
            return new SchemaParser().parse(new String(sdl.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
