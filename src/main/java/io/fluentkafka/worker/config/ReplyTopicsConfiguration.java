package io.fluentkafka.worker.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
        allowed = allowed == null ? List.of() : allowed.stream().map(String::trim).filter(name -> !name.isEmpty()).toList();
        allowedPattern = allowedPattern == null ? "" : allowedPattern;
        try {
            Pattern.compile(allowedPattern);
        } catch (RuntimeException e) {
            throw new ConfigurationException(PREFIX + ".allowed-pattern is not a valid regular expression");
        }
        if (maxWait == null || maxWait.isNegative() || maxWait.isZero() || maxWait.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigurationException(PREFIX + ".max-wait must be a positive duration of at most 1h, such as 30s");
        }
    }

    /**
     * Whether {@code allowed} or {@code allowedPattern} allows a whole topic name. The configured reply topic and the
     * ban on command and dead-letter topics are applied on top of this.
     */
    public Predicate<String> allowedNames() {
        Pattern names = Pattern.compile(allowed.isEmpty() ? "(?!)" : allowed.stream()
                .map(name -> Pattern.quote(name).replace("*", "\\E.*\\Q"))
                .collect(Collectors.joining("|")));
        Pattern regex = allowedPattern.isEmpty() ? null : Pattern.compile(allowedPattern);
        return topic -> names.matcher(topic).matches() || regex != null && regex.matcher(topic).matches();
    }
}
