package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.avro.Reply;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate classes it does not trust; this trusts exactly the project's generated
 * classes (the package of {@link Reply}, where every schema in {@code avro/} is generated), on top of whatever the
 * JVM already trusts.
 */
public final class AvroTrust {

    private static final String GENERATED = Reply.class.getPackageName() + ".";

    private static volatile boolean done;

    private AvroTrust() {
    }

    public static synchronized void ensure() {
        if (done) {
            return;
        }
        ClassSecurityValidator.ClassSecurityPredicate generated = type -> type.getName().startsWith(GENERATED)
                && type.getName().indexOf('.', GENERATED.length()) < 0;
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), generated));
        done = true;
    }
}
