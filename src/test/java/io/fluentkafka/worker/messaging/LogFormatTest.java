package io.fluentkafka.worker.messaging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The application's logback.xml (not the tests' logback-test.xml): LOG_FORMAT=json gives one JSON object per line. */
class LogFormatTest {

    @Test
    void jsonGivesOneObjectPerLineWithTheMdcAsFields() throws Exception {
        String[] lines = logWith("json");

        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertThat(first.get("message").asText()).isEqualTo("first with fields");
        assertThat(first.get("level").asText()).isEqualTo("WARN");
        assertThat(first.get("commandId").asText()).isEqualTo("c-1");
        assertThat(first.get("record").asText()).isEqualTo("fluent.create-customer-2@17");
        assertThat(new ObjectMapper().readTree(lines[1]).has("commandId")).as("MDC cleared").isFalse();
    }

    @Test
    void textIsTheDefault() throws Exception {
        String[] lines = logWith(null);

        assertThat(lines).hasSize(2);
        assertThat(lines[0]).contains("WARN").endsWith("- first with fields").doesNotStartWith("{");
    }

    private static String[] logWith(String format) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter()); // the one MDC.put writes to
        if (format != null) {
            context.putProperty("LOG_FORMAT", format);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
            MDC.put("commandId", "c-1");
            MDC.put("record", "fluent.create-customer-2@17");
            context.getLogger("io.fluentkafka.worker.Test").warn("first with fields");
            MDC.clear();
            context.getLogger("io.fluentkafka.worker.Test").info("second without");
        } finally {
            MDC.clear();
            System.setOut(original);
            context.stop();
        }
        return out.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toArray(String[]::new);
    }
}
