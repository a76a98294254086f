package io.fluentkafka.worker.webhook;

import io.fluentkafka.worker.support.fluent.WebhookPoster;
import io.fluentkafka.worker.time.ManualScheduler;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookPayloadReaderTest {

    private final ManualScheduler clock = new ManualScheduler();
    private final PayloadReader reader = new PayloadReader(JsonMapper.createDefault(), clock);

    @Test
    void readsFluentsEventKeepingAttributesAsJsonTextAndKeyingByTheRootEntity() {
        WebhookEvent event = reader.read(WebhookPoster.event("e-1", "HD_1").getBytes(StandardCharsets.UTF_8));

        assertThat(event.id()).isEqualTo("e-1");
        assertThat(event.name()).isEqualTo("OrderStatus");
        assertThat(event.accountId()).isEqualTo("ACME");
        assertThat(event.entityStatus()).isEqualTo("COMPLETE");
        assertThat(event.rootEntityRef()).isEqualTo("HD_1");
        assertThat(event.attributesJson()).isEqualTo("{\"note\":\"x\"}");
        assertThat(event.receivedAt()).isEqualTo(clock.now());
        assertThat(event.key()).isEqualTo("HD_1");
    }

    @Test
    void takesNumbersAsTextAndKeysByEntityRefThenId() {
        WebhookEvent event = reader.read("{\"id\":\"e-2\",\"name\":\"X\",\"retailerId\":1,\"entityId\":3786,\"entityRef\":\"R\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(event.retailerId()).isEqualTo("1");
        assertThat(event.entityId()).isEqualTo("3786");
        assertThat(event.attributesJson()).isNull();
        assertThat(event.key()).isEqualTo("R");
        assertThat(reader.read("{\"id\":\"e-3\",\"name\":\"X\",\"retailerId\":\"1\"}".getBytes(StandardCharsets.UTF_8)).key()).isEqualTo("e-3");
    }

    @Test
    void refusesWhatIsNotAnEventNamingTheField() {
        assertThatThrownBy(() -> reader.read("{\"id\":".getBytes(StandardCharsets.UTF_8))).hasMessage("the body is not JSON");
        assertThatThrownBy(() -> reader.read("[1]".getBytes(StandardCharsets.UTF_8))).hasMessage("the body is not a JSON object");
        assertThatThrownBy(() -> reader.read("{\"id\":\"1\",\"name\":\"X\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("the event has no retailerId");
        assertThatThrownBy(() -> reader.read("{\"id\":\"1\",\"name\":\"\",\"retailerId\":\"1\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("the event has no name");
        assertThatThrownBy(() -> reader.read("{\"id\":{},\"name\":\"X\",\"retailerId\":\"1\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("id is a JSON object, not a string or number");
    }
}
