package io.fluentkafka.worker.webhook;

import io.fluentkafka.worker.support.fluent.WebhookSigner;
import io.fluentkafka.worker.webhook.SignatureVerifier.Verdict;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureVerifierTest {

    private static final WebhookSigner FLUENT = WebhookSigner.shared();
    private static final WebhookSigner NEXT = WebhookSigner.generate();
    private static final byte[] BODY = "{\"id\":\"1\",\"name\":\"OrderStatus\",\"retailerId\":\"1\"}".getBytes(StandardCharsets.UTF_8);

    private final SignatureVerifier verifier = new SignatureVerifier(List.of(key(FLUENT)), false);

    @Test
    void verifiesFluentsSha512SignatureUnderEverySpellingOfItsHeader() {
        for (String header : SignatureVerifier.SHA512_HEADERS) {
            assertThat(verifier.verify(BODY, headers(Map.of(header, FLUENT.sha512(BODY))))).as(header).isEqualTo(Verdict.VERIFIED);
        }
    }

    @Test
    void refusesATamperedBodyAnotherKeyAndNoSignature() {
        byte[] tampered = "{\"id\":\"1\",\"name\":\"OrderStatus\",\"retailerId\":\"2\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(verifier.verify(tampered, headers(Map.of("fluent-signature", FLUENT.sha512(BODY))))).isEqualTo(Verdict.INVALID_SIGNATURE);
        assertThat(verifier.verify(BODY, headers(Map.of("fluent-signature", NEXT.sha512(BODY))))).isEqualTo(Verdict.INVALID_SIGNATURE);
        assertThat(verifier.verify(BODY, headers(Map.of("fluent-signature", "not base64!")))).isEqualTo(Verdict.INVALID_SIGNATURE);
        assertThat(verifier.verify(BODY, headers(Map.of("fluent-signature", "AAAA")))).isEqualTo(Verdict.INVALID_SIGNATURE);
        assertThat(verifier.verify(BODY, headers(Map.of()))).isEqualTo(Verdict.MISSING_SIGNATURE);
    }

    @Test
    void acceptsTheLegacyMd5SignatureOnlyWhenConfiguredTo() {
        for (String header : SignatureVerifier.MD5_HEADERS) {
            Map<String, String> md5Only = Map.of(header, FLUENT.md5(BODY));
            assertThat(verifier.verify(BODY, headers(md5Only))).as(header).isEqualTo(Verdict.LEGACY_SIGNATURE_DISABLED);
            assertThat(new SignatureVerifier(List.of(key(FLUENT)), true).verify(BODY, headers(md5Only))).as(header).isEqualTo(Verdict.VERIFIED);
        }
        // an MD5 signature in the SHA-512 header is not SHA-512's
        assertThat(verifier.verify(BODY, headers(Map.of("fluent-signature", FLUENT.md5(BODY))))).isEqualTo(Verdict.INVALID_SIGNATURE);
    }

    @Test
    void eitherKeyOfARotationVerifies() {
        SignatureVerifier rotating = new SignatureVerifier(List.of(key(NEXT), key(FLUENT)), false);

        assertThat(rotating.verify(BODY, headers(Map.of("fluent-signature", FLUENT.sha512(BODY))))).isEqualTo(Verdict.VERIFIED);
        assertThat(rotating.verify(BODY, headers(Map.of("fluent-signature", NEXT.sha512(BODY))))).isEqualTo(Verdict.VERIFIED);
        assertThat(rotating.verify(BODY, headers(Map.of("fluent-signature", WebhookSigner.generate().sha512(BODY)))))
                .isEqualTo(Verdict.INVALID_SIGNATURE);
    }

    private static PublicKey key(WebhookSigner signer) {
        return PublicKeys.parse(signer.publicKeyBase64(), "key");
    }

    private static java.util.function.Function<String, String> headers(Map<String, String> headers) {
        return name -> headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
