package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.avro.Attribute;
import io.fluentkafka.worker.avro.CommandType;
import io.fluentkafka.worker.avro.CreateCustomer;
import io.fluentkafka.worker.avro.CreateProduct;
import io.fluentkafka.worker.avro.CustomerResult;
import io.fluentkafka.worker.avro.ErrorCategory;
import io.fluentkafka.worker.avro.FluentError;
import io.fluentkafka.worker.avro.GetCurrentUser;
import io.fluentkafka.worker.avro.GetCustomerByEmail;
import io.fluentkafka.worker.avro.GraphQlRequest;
import io.fluentkafka.worker.avro.GraphQlResult;
import io.fluentkafka.worker.avro.ProductResult;
import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.ReplyDetail;
import io.fluentkafka.worker.avro.ReplyError;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.avro.UserResult;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate classes it does not trust; this trusts exactly the project's generated
 * classes, on top of whatever the JVM already trusts.
 */
public final class AvroTrust {

    private static volatile boolean done;

    private AvroTrust() {
    }

    public static synchronized void ensure() {
        if (done) {
            return;
        }
        ClassSecurityValidator.ClassSecurityPredicate generated = ClassSecurityValidator.builder()
                .add(Attribute.class).add(CreateCustomer.class).add(CreateProduct.class).add(GraphQlRequest.class)
                .add(GetCurrentUser.class).add(GetCustomerByEmail.class).add(Reply.class).add(CommandType.class)
                .add(ReplyStatus.class).add(ReplyDetail.class).add(CustomerResult.class).add(ProductResult.class)
                .add(UserResult.class).add(GraphQlResult.class).add(ReplyError.class).add(ErrorCategory.class)
                .add(FluentError.class)
                .build();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), generated));
        done = true;
    }
}
