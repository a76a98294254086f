package io.fluentkafka.worker.fluent;

import io.fluentkafka.worker.metrics.WorkerMetrics;
import io.micronaut.context.BeanContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.LoadBalancer;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import reactor.core.publisher.Mono;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Non-blocking GETs and POSTs to one Fluent host. Every HTTP status comes back as a {@link FluentHttpResponse}; only
 * timeouts and connection failures fail the future, as {@link FluentUnavailableException}. Nothing here logs
 * a request or a response: bodies and headers carry credentials and tokens.
 */
final class FluentTransport implements AutoCloseable {

    private final HttpClient http;
    private final Duration readTimeout;
    private final String connection;
    private final WorkerMetrics metrics;

    FluentTransport(BeanContext context, URI baseUrl, Duration connectTimeout, Duration readTimeout, String connection, WorkerMetrics metrics) {
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setConnectTimeout(connectTimeout);
        configuration.setReadTimeout(readTimeout);
        configuration.setExceptionOnErrorStatus(false);
        try {
            this.http = context.createBean(HttpClient.class, LoadBalancer.fixed(baseUrl.toURL()), configuration);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("invalid Fluent host " + baseUrl, e);
        }
        this.readTimeout = readTimeout;
        this.connection = connection;
        this.metrics = metrics;
    }

    /**
     * POSTs {@code body} to {@code path}: bytes are sent as they are, a map as a form. {@code bearer} may be null
     * (the token request itself). {@code operation} names the call in metrics.
     */
    CompletableFuture<FluentHttpResponse> post(String operation, String path, MediaType contentType, Object body, String bearer) {
        return exchange(operation, HttpRequest.POST(path, body).contentType(contentType), bearer);
    }

    /** GETs {@code path}, which may carry a query string; otherwise as {@link #post}. */
    CompletableFuture<FluentHttpResponse> get(String operation, String path, String bearer) {
        return exchange(operation, HttpRequest.GET(path), bearer);
    }

    private CompletableFuture<FluentHttpResponse> exchange(String operation, MutableHttpRequest<?> request, String bearer) {
        long started = System.nanoTime();
        request.accept(MediaType.APPLICATION_JSON_TYPE);
        if (bearer != null) {
            request.bearerAuth(bearer);
        }
        return Mono.from(http.exchange(request, byte[].class))
                .toFuture()
                .thenApply(FluentTransport::toResponse)
                .exceptionally(this::errorStatusOrUnavailable)
                .whenComplete((response, failure) -> metrics.fluentCall(connection, operation,
                        response != null ? Integer.toString(response.status()) : "unanswered", // timeout or connection failure
                        Duration.ofNanos(System.nanoTime() - started)));
    }

    private static FluentHttpResponse toResponse(HttpResponse<?> response) {
        byte[] body = response.getBody(byte[].class).orElse(new byte[0]);
        return new FluentHttpResponse(response.code(), body,
                response.getHeaders().get("Retry-After", String.class).flatMap(RetryAfter::parse));
    }

    private FluentHttpResponse errorStatusOrUnavailable(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpClientResponseException withStatus) {
            return toResponse(withStatus.getResponse());
        }
        if (cause instanceof ReadTimeoutException) {
            throw new FluentUnavailableException("Fluent did not answer within " + readTimeout.toMillis() + " ms");
        }
        throw new FluentUnavailableException("cannot reach Fluent (connection '" + connection + "'): " + cause.getClass().getSimpleName());
    }

    @Override
    public void close() {
        http.close();
    }
}
