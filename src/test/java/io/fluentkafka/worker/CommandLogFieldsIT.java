package io.fluentkafka.worker;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fluentkafka.worker.avro.CreateCustomer;
import io.fluentkafka.worker.avro.GetCurrentUser;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.support.RunningWorker;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command's log lines, in the JSON of {@code LOG_FORMAT=json} (logback.xml's encoder, here beside the tests'
 * appenders), carry its {@code commandId}, {@code record} ({@code topic-partition@offset}) and {@code connection}
 * as fields, although its steps log from different threads; and no line carries another command's fields.
 */
class CommandLogFieldsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ByteArrayOutputStream OUT = new ByteArrayOutputStream();
    private static OutputStreamAppender<ILoggingEvent> appender;
    private static RunningWorker worker;

    @BeforeAll
    static void start() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(OUT);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        worker = RunningWorker.start("logfields");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            worker.close();
        } finally {
            ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
            appender.stop();
        }
    }

    @Test
    void aCommandsLinesCarryItsIdRecordAndConnectionAndItsFailureLineItsId() {
        String succeeding = "fields-ok-" + UUID.randomUUID();
        String failing = "fields-bad-" + UUID.randomUUID();
        worker.producer().send(worker.topic("get-current-user"), succeeding,
                GetCurrentUser.newBuilder().setCommandId(succeeding).setConnection("second").build());
        worker.producer().send(worker.topic("create-customer"), failing,
                CreateCustomer.newBuilder().setCommandId(failing).setPrimaryEmail("not-an-email").setFirstName("Bad").build());
        assertThat(worker.awaitReply(succeeding).getStatus()).isEqualTo(ReplyStatus.SUCCEEDED);
        assertThat(worker.awaitReply(failing).getStatus()).isEqualTo(ReplyStatus.FAILED);

        List<JsonNode> lines = lines();
        JsonNode success = only(lines, succeeding, "succeeded");
        assertThat(success.get("commandId").asText()).isEqualTo(succeeding);
        assertThat(success.get("connection").asText()).isEqualTo("second");
        assertThat(success.get("record").asText()).matches("logfields\\.get-current-user-[0-2]@\\d+");
        JsonNode failure = only(lines, failing, "failed (VALIDATION)");
        assertThat(failure.get("level").asText()).isEqualTo("WARN");
        assertThat(failure.get("commandId").asText()).isEqualTo(failing);
        assertThat(failure.get("connection").asText()).isEqualTo("default");
        assertThat(failure.get("record").asText()).matches("logfields\\.create-customer-[0-2]@\\d+");
        assertThat(lines).filteredOn(line -> line.has("commandId")).allSatisfy(line ->
                assertThat(line.get("message").asText()).as("a line with the fields of " + line.get("commandId"))
                        .doesNotContain(line.get("commandId").asText().equals(succeeding) ? failing : succeeding));
    }

    private static JsonNode only(List<JsonNode> lines, String commandId, String text) {
        List<JsonNode> matching = lines.stream().filter(line -> line.get("message").asText().contains(commandId)
                && line.get("message").asText().contains(text)).toList();
        assertThat(matching).as("lines about " + commandId + " containing " + text).hasSize(1);
        return matching.get(0);
    }

    private static List<JsonNode> lines() {
        String text;
        synchronized (OUT) {
            text = OUT.toString(StandardCharsets.UTF_8);
        }
        return text.lines().filter(line -> !line.isBlank()).map(line -> {
            try {
                return JSON.readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException("not one JSON object per line: " + line, e);
            }
        }).toList();
    }
}
