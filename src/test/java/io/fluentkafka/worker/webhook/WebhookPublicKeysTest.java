package io.fluentkafka.worker.webhook;

import io.fluentkafka.worker.support.fluent.WebhookSigner;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookPublicKeysTest {

    private static final WebhookSigner FLUENT = WebhookSigner.shared();
    private static final String SETTING = "worker.webhooks.public-key";

    @Test
    void readsTheKeyBareOrArmouredAsFluentHandsItOut() {
        assertThat(PublicKeys.parse(FLUENT.publicKeyBase64(), SETTING).getAlgorithm()).isEqualTo("RSA");
        assertThat(PublicKeys.parse(FLUENT.publicKeyPem(), SETTING)).isEqualTo(PublicKeys.parse(FLUENT.publicKeyBase64(), SETTING));
        assertThat(PublicKeys.parse(" " + FLUENT.publicKeyPem().replace("\n", "\r\n") + " ", SETTING))
                .isEqualTo(PublicKeys.parse(FLUENT.publicKeyBase64(), SETTING));
    }

    @Test
    void refusesAKeyThatDoesNotReadNamingTheSettingAndNeverQuotingTheKey() {
        String truncated = FLUENT.publicKeyBase64().substring(0, 100);
        assertThatThrownBy(() -> PublicKeys.parse(truncated, SETTING))
                .hasMessageStartingWith(SETTING + " is base64 but not an RSA public key")
                .hasMessageNotContaining(truncated.substring(20, 60));
        assertThatThrownBy(() -> PublicKeys.parse("not a key!", SETTING)).hasMessageStartingWith(SETTING + " is not base64");
        assertThatThrownBy(() -> PublicKeys.parse(Base64.getEncoder().encodeToString("hello".getBytes()), SETTING))
                .hasMessageStartingWith(SETTING + " is base64 but not an RSA public key");
        assertThatThrownBy(() -> PublicKeys.parse("-----BEGIN RSA PUBLIC KEY-----\nMIIB\n-----END RSA PUBLIC KEY-----", SETTING))
                .hasMessageContaining("PKCS#1");
    }
}
