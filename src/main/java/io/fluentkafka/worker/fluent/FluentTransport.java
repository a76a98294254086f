package io.fluentkafka.worker.fluent;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import reactor.core.publisher.Mono;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Non-blocking POSTs to one Fluent host. Every HTTP status comes back as a response (none is thrown); only
 * timeouts and connection failures fail the future, as {@link FluentUnavailableException}. Nothing here logs
 * a request or a response: bodies and headers carry credentials and tokens.
 */
final class FluentTransport implements AutoCloseable {

    private final HttpClient http;
    private final URI baseUrl;
    private final Duration readTimeout;

    FluentTransport(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setConnectTimeout(connectTimeout);
        configuration.setReadTimeout(readTimeout);
        configuration.setExceptionOnErrorStatus(false);
        try {
            this.http = HttpClient.create(baseUrl.toURL(), configuration);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("invalid Fluent host " + baseUrl, e);
        }
        this.baseUrl = baseUrl;
        this.readTimeout = readTimeout;
    }

    /** POSTs {@code body} to {@code path}; {@code bearer} may be null (the token request itself). */
    CompletableFuture<HttpResponse<byte[]>> post(String path, MediaType contentType, byte[] body, String bearer) {
        MutableHttpRequest<byte[]> request = HttpRequest.POST(path, body)
                .contentType(contentType)
                .accept(MediaType.APPLICATION_JSON_TYPE);
        if (bearer != null) {
            request.bearerAuth(bearer);
        }
        return Mono.from(http.exchange(request, byte[].class))
                .toFuture()
                .exceptionally(this::unavailable);
    }

    private HttpResponse<byte[]> unavailable(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ReadTimeoutException) {
            throw new FluentUnavailableException("Fluent did not answer within " + readTimeout.toMillis() + " ms");
        }
        throw new FluentUnavailableException("cannot reach Fluent at " + baseUrl + ": " + cause.getClass().getSimpleName());
    }

    @Override
    public void close() {
        http.close();
    }
}
