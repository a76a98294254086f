package io.fluentkafka.worker.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;

/**
 * One named Fluent account: {@code fluent.connections.<name>.*}. The {@code default} connection is bound
 * from {@code FLUENT_*} environment variables in application.yml.
 *
 * <p>Validated on construction, so a bad setting fails startup with the key named. {@link #toString()}
 * shows no credential and no account name (the host and client id name the account too).
 *
 * <p>{@code default-timezone} is sent as a customer's {@code timezone} when the command has none: Fluent's
 * 2023 schema requires {@code CreateCustomerInput.timezone} ({@code String!}, at most 32 characters) while its
 * current reference makes it optional, so the worker always sends one. Fluent defines no format for it, so only
 * its length is checked.
 */
@EachProperty(FluentConnectionConfiguration.PREFIX)
public record FluentConnectionConfiguration(
        @Parameter String name,
        @Nullable String host,
        @Nullable String username,
        @Nullable String password,
        @Nullable String clientId,
        @Nullable String clientSecret,
        @Nullable String retailerId,
        @Bindable(defaultValue = "api") String scope,
        @Bindable(defaultValue = DEFAULT_TIMEZONE) String defaultTimezone) {

    public static final String PREFIX = "fluent.connections";
    public static final String DEFAULT_NAME = "default";
    public static final String DEFAULT_TIMEZONE = "UTC";
    /** Fluent's limit for {@code CreateCustomerInput.timezone}. */
    public static final int TIMEZONE_MAX_LENGTH = 32;

    public FluentConnectionConfiguration {
        require(name, "host", host);
        require(name, "username", username);
        require(name, "password", password);
        require(name, "client-id", clientId);
        require(name, "client-secret", clientSecret);
        URI uri = parseHost(name, host);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw invalid(name, "host", "must be an absolute http(s) URL such as https://ACME.sandbox.api.fluentretail.com");
        }
        if (retailerId != null && !retailerId.isBlank() && !retailerId.matches("\\d+")) {
            throw invalid(name, "retailer-id", "must be digits (a Fluent retailer id)");
        }
        require(name, "default-timezone", defaultTimezone);
        if (defaultTimezone.length() > TIMEZONE_MAX_LENGTH) {
            throw invalid(name, "default-timezone", "must be at most " + TIMEZONE_MAX_LENGTH + " characters (Fluent's limit for a customer's timezone)");
        }
        retailerId = retailerId == null || retailerId.isBlank() ? null : retailerId;
        scope = scope == null || scope.isBlank() ? "api" : scope;
    }

    /** The base URL without a trailing slash, ready for {@code /oauth/token} and {@code /graphql}. */
    public URI baseUrl() {
        String trimmed = host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
        return URI.create(trimmed);
    }

    @Override
    public String toString() {
        return "FluentConnectionConfiguration[name=" + name + ", retailerId=" + retailerId + ", scope=" + scope
                + ", defaultTimezone=" + defaultTimezone
                + ", host, username, password, clientId and clientSecret=<redacted>]";
    }

    private static URI parseHost(String name, String host) {
        try {
            return URI.create(host.trim());
        } catch (IllegalArgumentException e) {
            throw invalid(name, "host", "is not a valid URL");
        }
    }

    private static void require(String name, String key, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(name, key, "is required" + envHint(name, key));
        }
    }

    private static String envHint(String name, String key) {
        return DEFAULT_NAME.equals(name) ? " (environment variable FLUENT_" + key.replace('-', '_').toUpperCase() + ")" : "";
    }

    private static ConfigurationException invalid(String name, String key, String why) {
        return new ConfigurationException(PREFIX + "." + name + "." + key + " " + why);
    }
}
