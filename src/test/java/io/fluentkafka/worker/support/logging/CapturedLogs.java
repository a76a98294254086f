package io.fluentkafka.worker.support.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A logback appender (configured in logback-test.xml) that keeps every formatted line, with its throwable
 * chain, so tests can search everything the worker logged.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> {

    private static final List<String> LINES = new CopyOnWriteArrayList<>();

    public static List<String> lines() {
        return new ArrayList<>(LINES);
    }

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                line.append(' ').append(frame.getSTEAsString());
            }
        }
        LINES.add(line.toString());
    }
}
