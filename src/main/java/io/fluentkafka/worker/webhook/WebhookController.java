package io.fluentkafka.worker.webhook;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.body.ByteBody;
import org.reactivestreams.Publisher;

import java.util.concurrent.CompletableFuture;

/**
 * {@code POST worker.webhooks.path}: the HTTP edge of {@link WebhookHandler}, and nothing else. The body is taken as
 * raw bytes as they arrive ({@link ServerHttpRequest#byteBody()}), so Micronaut neither parses nor buffers it: the
 * signature is checked over the exact bytes sent, a body over the bound is never read whole, and no thread waits
 * for a slow client. Runs on the event loop and never blocks there: the handler hands the whole body to the
 * blocking executor (it waits for Kafka). A refusal before the whole body was read (408, 413) closes the connection.
 */
@Controller("${" + WebhookConfiguration.PREFIX + ".path:/webhooks/fluent}")
@Requires(property = WebhookConfiguration.ENABLED, value = "true")
final class WebhookController {

    private final WebhookHandler handler;

    WebhookController(WebhookHandler handler) {
        this.handler = handler;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.TEXT_PLAIN)
    CompletableFuture<HttpResponse<String>> receive(HttpRequest<?> request) {
        Publisher<byte[]> body = request instanceof ServerHttpRequest<?> server
                ? server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST).toByteArrayPublisher() : null;
        return handler.receive(request.getHeaders()::get, body, request.getHeaders().contentLength().orElse(-1))
                .thenApply(WebhookController::response);
    }

    private static HttpResponse<String> response(WebhookResponse response) {
        MutableHttpResponse<String> http = HttpResponse.<String>status(HttpStatus.valueOf(response.status())).body(response.message());
        if (response.status() == 408 || response.status() == 413) {
            http.header("Connection", "close");
        }
        return http;
    }
}
