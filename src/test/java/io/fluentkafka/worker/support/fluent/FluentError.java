package io.fluentkafka.worker.support.fluent;

import graphql.ErrorType;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Fluent business error such as {@code C0123E}. On the wire the code is both {@code extensions.code} and
 * the prefix of {@code message}, because clients look in either place (fluent-api.md §3).
 */
record FluentError(String code, String detail) {

    /** The account lacks a permission; Fluent's message lists the missing ones. */
    static FluentError missingPermission(String permission) {
        return new FluentError("C0020E", "Missing permissions: " + permission);
    }

    static FluentError notFound(String detail) {
        return new FluentError("C0120E", detail);
    }

    static FluentError negativeValue(String detail) {
        return new FluentError("C0122E", detail);
    }

    static FluentError alreadyExists(String detail) {
        return new FluentError("C0123E", detail);
    }

    static FluentError missingInput(String detail) {
        return new FluentError("C0140E", detail);
    }

    static FluentError tooLong(String field, int max) {
        return new FluentError("C0141E", "Field '" + field + "' exceeds the maximum length of " + max);
    }

    String message() {
        return code + ": " + detail;
    }

    /** A null field value with this error at the field's path and location, as graphql-java reports it. */
    <T> DataFetcherResult<T> toResult(DataFetchingEnvironment environment) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code);
        extensions.put("classification", ErrorType.DataFetchingException.name());
        return DataFetcherResult.<T>newResult()
                .error(GraphqlErrorBuilder.newError(environment)
                        .message("%s", message())
                        .errorType(ErrorType.DataFetchingException)
                        .extensions(extensions)
                        .build())
                .build();
    }
}
