package io.fluentkafka.worker.support.fluent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Posts webhooks the way Fluent does, over real HTTP: the event JSON as the body, signed with a {@link WebhookSigner}
 * in {@code fluent-signature} and {@code flex.signature}, or with whatever headers a test chooses. Thread-safe.
 */
public final class WebhookPoster {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final Duration timeout;

    public WebhookPoster(URI endpoint) {
        this(endpoint, Duration.ofSeconds(60));
    }

    /** {@code timeout}: how long a post waits for its answer before it fails with an {@link UncheckedIOException}. */
    public WebhookPoster(URI endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    /** A payload like Fluent's example (fluent-api.md section 8) for an order {@code ref}. */
    public static String event(String id, String ref) {
        return "{\"id\":\"" + id + "\",\"name\":\"OrderStatus\",\"accountId\":\"ACME\",\"retailerId\":\"1\","
                + "\"entityId\":\"3786\",\"entityRef\":\"" + ref + "\",\"entityType\":\"ORDER\",\"entityStatus\":\"COMPLETE\","
                + "\"type\":\"NORMAL\",\"attributes\":{\"note\":\"x\"},\"meta\":{\"mode\":\"SYNC\",\"simulation\":false,\"models\":[]},"
                + "\"trailLogs\":[],\"errorLogs\":[],\"rootEntityId\":\"3786\",\"rootEntityType\":\"ORDER\",\"rootEntityRef\":\"" + ref + "\"}";
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** {@code body} signed by {@code signer} as Fluent signs it (both headers). */
    public HttpResponse<String> post(String body, WebhookSigner signer) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post(bytes, Map.of("fluent-signature", signer.sha512(bytes), "flex.signature", signer.md5(bytes)));
    }

    public HttpResponse<String> post(byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
