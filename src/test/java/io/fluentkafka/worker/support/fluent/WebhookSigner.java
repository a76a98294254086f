package io.fluentkafka.worker.support.fluent;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

/**
 * Fluent's side of webhook signatures for tests: an RSA-2048 key pair, signatures over exact body bytes with
 * SHA512withRSA ({@code fluent-signature}) and MD5withRSA ({@code flex.signature}), and the public key as Fluent
 * hands it out (base64 X.509 SubjectPublicKeyInfo, bare or PEM-armoured). {@link #shared()} is generated once per JVM.
 */
public final class WebhookSigner {

    private static final WebhookSigner SHARED = generate();

    private final KeyPair keys;

    private WebhookSigner(KeyPair keys) {
        this.keys = keys;
    }

    public static WebhookSigner shared() {
        return SHARED;
    }

    /** A signer of its own key pair (another environment's key, or the next key of a rotation). */
    public static WebhookSigner generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new WebhookSigner(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code fluent-signature} of {@code body}. */
    public String sha512(byte[] body) {
        return sign("SHA512withRSA", body);
    }

    /** The legacy {@code flex.signature} of {@code body}. */
    public String md5(byte[] body) {
        return sign("MD5withRSA", body);
    }

    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** The public key wrapped at 64 characters between {@code -----BEGIN PUBLIC KEY-----} lines. */
    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private String sign(String algorithm, byte[] body) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(keys.getPrivate());
            signature.update(body);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
