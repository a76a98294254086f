package io.fluentkafka.worker.webhook;

import io.micronaut.context.exceptions.ConfigurationException;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Reads a Fluent public key as Fluent hands it out: base64 of an RSA X.509 SubjectPublicKeyInfo, on one line or
 * wrapped, with or without {@code -----BEGIN PUBLIC KEY-----} armour. A key that does not read is a configuration
 * error naming the setting; the message never contains the key's text.
 */
final class PublicKeys {

    private static final Pattern ARMOUR = Pattern.compile("-----(BEGIN|END) [A-Z ]*-----");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private PublicKeys() {
    }

    /** {@code setting}: the key's name in messages, e.g. {@code worker.webhooks.public-key (environment variable ...)}. */
    static PublicKey parse(String text, String setting) {
        if (text.contains("BEGIN RSA PUBLIC KEY")) {
            throw new ConfigurationException(setting + " is a PKCS#1 RSA key (-----BEGIN RSA PUBLIC KEY-----); "
                    + "give the X.509 SubjectPublicKeyInfo form (-----BEGIN PUBLIC KEY-----, or its base64 alone), as Fluent provides it");
        }
        String base64 = WHITESPACE.matcher(ARMOUR.matcher(text).replaceAll("")).replaceAll("");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(setting + " is not base64: give the key as Fluent provides it "
                    + "(base64 X.509 SubjectPublicKeyInfo, with or without -----BEGIN PUBLIC KEY----- armour)");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ConfigurationException(setting + " is base64 but not an RSA public key in X.509 SubjectPublicKeyInfo form "
                    + "(" + der.length + " bytes decoded); give the key as Fluent provides it");
        }
    }
}
