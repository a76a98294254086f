package io.fluentkafka.worker.command;

/**
 * The GraphQL document a kind sends for one of its own root fields ({@code field}, e.g. {@code createCustomer}): the
 * kind's default, or the one {@code worker.operations.<kind>.document} replaced it with ({@code replaced}). A replacing
 * document was checked at startup ({@link OperationDocuments}): it takes the default's variables and selects at least
 * the default's fields, so the kind's typed result still fills; what it selects beyond them goes to the reply's
 * {@code fluentData}.
 */
public record Document(String field, String text, boolean replaced) {
}
