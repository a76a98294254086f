package io.fluentkafka.worker.webhook;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.io.InputStream;

/**
 * {@code POST worker.webhooks.path}: the HTTP edge of {@link WebhookHandler}, and nothing else. The body is bound as
 * an {@link InputStream}, so Micronaut neither parses nor buffers it: the signature is checked over the exact bytes
 * sent, and a body over the bound is never read whole. Blocking (it waits for Kafka), so it runs on the blocking
 * executor; at most {@code worker.webhooks.max-concurrent} requests do.
 */
@Controller("${" + WebhookConfiguration.PREFIX + ".path:/webhooks/fluent}")
@Requires(property = WebhookConfiguration.ENABLED, value = "true")
final class WebhookController {

    private final WebhookHandler handler;

    WebhookController(WebhookHandler handler) {
        this.handler = handler;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.TEXT_PLAIN)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<String> receive(HttpHeaders headers, @Body InputStream body) {
        WebhookResponse response = handler.handle(headers::get, body, headers.contentLength().orElse(-1));
        return HttpResponse.<String>status(HttpStatus.valueOf(response.status())).body(response.message());
    }
}
