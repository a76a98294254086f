package io.fluentkafka.worker.messaging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The enums of command/ map to the Avro enums by name; a missing symbol fails startup, not a command. */
class ReplyMapperTest {

    enum Ours { ONE, TWO }

    enum Avro { ONE }

    @Test
    void everyEnumOfCommandHasItsAvroCounterpart() {
        assertThatCode(ReplyMapper::checkEnumsMap).doesNotThrowAnyException();
    }

    @Test
    void namesTheConstantThatHasNoAvroCounterpart() {
        assertThatThrownBy(() -> ReplyMapper.checkEnumMaps(Ours.class, Avro.class))
                .hasMessageContaining("ReplyMapperTest$Ours.TWO has no counterpart in the Avro enum");
    }
}
