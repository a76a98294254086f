package io.fluentkafka.worker.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which topics a command's {@code kafka_replyTopic} header may send its reply to: {@code worker.reply-topics.*}.
 * Without a bound the header would let anyone who may write a command topic make the worker write anywhere with
 * its own credentials. The configured reply topic ({@code worker.topics.replies}) is always allowed; command and
 * dead-letter topics never are, whatever these say.
 *
 * @param allowed        topic names; {@code *} in a name matches any run of characters
 * @param allowedPattern a regular expression a topic name may match as a whole instead; empty for none
 * @param maxWait        how long a reply to a header-named topic is published again (the topic missing, or not yet
 *                       writable) before the command ends FAILED on the configured reply topic instead
 */
@ConfigurationProperties(ReplyTopicsConfiguration.PREFIX)
public record ReplyTopicsConfiguration(
        @Bindable(defaultValue = "*.replies,*-replies") List<String> allowed,
        @Bindable(defaultValue = "") String allowedPattern,
        @Bindable(defaultValue = "30s") Duration maxWait) {

    public static final String PREFIX = "worker.reply-topics";

    public ReplyTopicsConfiguration {
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
        allowedPattern = allowedPattern == null ? "" : allowedPattern;
        try {
            Pattern.compile(allowedPattern);
        } catch (RuntimeException e) {
            throw new ConfigurationException(PREFIX + ".allowed-pattern is not a valid regular expression");
        }
        if (maxWait == null || maxWait.isNegative() || maxWait.isZero()) {
            throw new ConfigurationException(PREFIX + ".max-wait must be a positive duration such as 30s");
        }
    }
}
