package io.fluentkafka.worker.support.fluent;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an exchange's request completely into a {@link RecordedRequest}. The body must be consumed before a
 * response is sent, or the JDK server cannot reuse the connection.
 */
final class RequestReader {

    private static final String FORM_TYPE = "application/x-www-form-urlencoded";

    private RequestReader() {
    }

    static RecordedRequest read(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        boolean formBody = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(FORM_TYPE);
        Map<String, String> form = new LinkedHashMap<>();
        decodeInto(exchange.getRequestURI().getRawQuery(), form);
        if (formBody) {
            decodeInto(body, form);
        }
        Map<String, Object> json = formBody ? Map.of() : JsonCodec.readObject(body).orElse(Map.of());
        return new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders(), body, form, json);
    }

    /** Adds each {@code name=value} pair whose name is not there yet. */
    private static void decodeInto(String encoded, Map<String, String> params) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            params.putIfAbsent(name, value);
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
