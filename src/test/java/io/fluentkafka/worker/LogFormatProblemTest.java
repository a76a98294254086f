package io.fluentkafka.worker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogFormatProblemTest {

    @Test
    void acceptsTheTwoFormatsAndTheDefault() {
        assertThat(LogFormat.problem(null)).isEmpty();
        assertThat(LogFormat.problem("")).isEmpty();
        assertThat(LogFormat.problem("text")).isEmpty();
        assertThat(LogFormat.problem("json")).isEmpty();
    }

    /** logback.xml takes the value as an appender's name: these would silence the worker. */
    @Test
    void refusesAnyOtherValueNamingIt() {
        assertThat(LogFormat.problem("JSON")).hasValueSatisfying(message -> assertThat(message)
                .contains("LOG_FORMAT must be text or json", "'JSON'", "log nothing"));
        assertThat(LogFormat.problem("jsn")).isPresent();
    }
}
