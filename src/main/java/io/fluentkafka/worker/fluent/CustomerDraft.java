package io.fluentkafka.worker.fluent;

import java.util.List;

/**
 * What to create with {@code createCustomer}. Nullable fields are left out of the request, except: a null
 * {@code username} means {@code primaryEmail}, a null {@code retailerId} means the connection's retailer,
 * else the primary retailer of the connection's Fluent user, and a null {@code timezone} means the connection's
 * {@code default-timezone} (a timezone is always sent).
 */
public record CustomerDraft(String retailerId, String username, String primaryEmail, String firstName,
                            String lastName, String primaryPhone, String country, String timezone,
                            boolean promotionOptIn, List<AttributeInput> attributes) {

    public CustomerDraft {
        attributes = List.copyOf(attributes);
    }

    public String effectiveUsername() {
        return username == null ? primaryEmail : username;
    }
}
