package io.fluentkafka.worker.webhook;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Decides whether a webhook body is Fluent's: a base64 RSA signature over the exact body bytes, in
 * {@code fluent-signature} (SHA512withRSA) or, only when {@code worker.webhooks.accept-legacy-md5} is true, in
 * {@code flex.signature} (MD5withRSA), verified by the configured public key or the previous one (rotation). Every
 * spelling Fluent's SDK accepts is read ({@link #SHA512_HEADERS}, {@link #MD5_HEADERS}); one valid signature is enough.
 *
 * <p>Built at startup ({@link Context}), so a missing or malformed key stops the worker before it serves anything.
 * Thread-safe: each verification gets its own {@link Signature}.
 */
@Context
@Requires(property = WebhookConfiguration.ENABLED, value = "true")
final class SignatureVerifier {

    static final List<String> SHA512_HEADERS = List.of("fluent-signature", "x-fluent-signature", "fluent_signature");
    static final List<String> MD5_HEADERS = List.of("flex.signature", "flex-signature", "flex_signature");

    /** Why a request was refused; the names are the {@code reason} tag of {@code worker_webhooks_rejected_total}. */
    enum Verdict { VERIFIED, MISSING_SIGNATURE, INVALID_SIGNATURE, LEGACY_SIGNATURE_DISABLED }

    private final List<PublicKey> keys;
    private final boolean acceptMd5;

    @Inject
    SignatureVerifier(WebhookConfiguration configuration) {
        this(keys(configuration), configuration.acceptLegacyMd5());
    }

    SignatureVerifier(List<PublicKey> keys, boolean acceptMd5) {
        this.keys = List.copyOf(keys);
        this.acceptMd5 = acceptMd5;
    }

    private static List<PublicKey> keys(WebhookConfiguration configuration) {
        List<PublicKey> keys = new ArrayList<>();
        keys.add(PublicKeys.parse(configuration.publicKey(),
                WebhookConfiguration.PREFIX + ".public-key (environment variable WORKER_WEBHOOKS_PUBLIC_KEY)"));
        if (!configuration.previousPublicKey().isEmpty()) {
            keys.add(PublicKeys.parse(configuration.previousPublicKey(),
                    WebhookConfiguration.PREFIX + ".previous-public-key (environment variable WORKER_WEBHOOKS_PREVIOUS_PUBLIC_KEY)"));
        }
        return keys;
    }

    /** {@code header}: a request header's value by (case-insensitive) name, null when absent. */
    Verdict verify(byte[] body, Function<String, String> header) {
        List<String> sha512 = present(SHA512_HEADERS, header);
        List<String> md5 = present(MD5_HEADERS, header);
        if (sha512.stream().anyMatch(signature -> verifies("SHA512withRSA", body, signature))
                || acceptMd5 && md5.stream().anyMatch(signature -> verifies("MD5withRSA", body, signature))) {
            return Verdict.VERIFIED;
        }
        if (!sha512.isEmpty() || acceptMd5 && !md5.isEmpty()) {
            return Verdict.INVALID_SIGNATURE;
        }
        return md5.isEmpty() ? Verdict.MISSING_SIGNATURE : Verdict.LEGACY_SIGNATURE_DISABLED;
    }

    private static List<String> present(List<String> names, Function<String, String> header) {
        List<String> values = new ArrayList<>();
        for (String name : names) {
            String value = header.apply(name);
            if (value != null && !value.isBlank()) {
                values.add(value.strip());
            }
        }
        return values;
    }

    private boolean verifies(String algorithm, byte[] body, String signatureBase64) {
        byte[] signature;
        try {
            signature = Base64.getMimeDecoder().decode(signatureBase64);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (PublicKey key : keys) {
            try {
                Signature verifier = Signature.getInstance(algorithm);
                verifier.initVerify(key);
                verifier.update(body);
                if (verifier.verify(signature)) {
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // a signature of the wrong length or shape is one that does not verify
            }
        }
        return false;
    }
}
