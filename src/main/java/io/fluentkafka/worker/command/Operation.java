package io.fluentkafka.worker.command;

import org.apache.avro.specific.SpecificRecord;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One kind of command: its Avro schema, its checks, and what it does in Fluent. Adding a kind means writing one
 * operation (a bean) and its schema; topics, decoding, replies, metrics and the Helm chart derive from
 * {@link #kind()} and {@link #commandType()}.
 *
 * <p>An operation holds no per-command state. {@link #perform} runs its Fluent calls as {@link Execution#step steps}:
 * each step is retried on its own, so a later step's retry never repeats an earlier step.
 *
 * @param <C> the generated Avro class of the command; its schema must carry the fields of {@link CommandMetadata#FIELDS}
 */
public interface Operation<C extends SpecificRecord> {

    /** The kind's name in kebab case, e.g. {@code create-customer}: its topic key {@code worker.topics.<kind>}. */
    String kind();

    /** The command's generated Avro class. */
    Class<C> commandType();

    /** What happens when the command runs again after a crash or a retry; stated in the README's command table. */
    Repeat repeat();

    /** Adds a violation for every field of {@code command} Fluent would refuse; metadata is checked elsewhere. */
    void validate(C command, Checks checks);

    /**
     * Does the command in Fluent. The future completes with the outcome, or fails with the reason the command
     * could not be done (a {@code FluentException}, or {@code CancellationException} when it was abandoned).
     */
    CompletableFuture<Outcome.Succeeded> perform(C command, Execution execution);

    /**
     * The GraphQL documents of the kind's own root fields, by root field (e.g. {@code createCustomer}): its defaults,
     * which {@code worker.operations.<kind>.document} may replace, and which it fetches with {@link Execution#document}.
     * Empty for a kind that sends none of its own: it sends the command's document, another kind's, or uses REST.
     * Look-ups that support the kind (after a duplicate, resolving a ref) are not among them and cannot be replaced.
     */
    default Map<String, String> documents() {
        return Map.of();
    }

    /** The kind as an enum-style constant, e.g. {@code CREATE_CUSTOMER}: the reply's commandType and metric tags. */
    default String constant() {
        return kind().replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
