package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.avro.CommandType;
import io.fluentkafka.worker.avro.CreateCustomer;
import io.fluentkafka.worker.avro.CustomerResult;
import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Command;
import io.fluentkafka.worker.command.CommandMetadata;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.command.Handled;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.OperationCatalogue;
import io.fluentkafka.worker.command.Outcome;
import io.fluentkafka.worker.command.Repeat;
import io.fluentkafka.worker.operation.TestOperations;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every kind has its symbol in the reply; a missing one fails startup, a result outside the union fails the reply. */
class ReplyMapperTest {

    static {
        AvroTrust.ensure(); // builders read defaults through Avro's class checks
    }

    @Test
    void theReplysCommandTypeHasExactlyTheCatalogueKindsAndUnknown() {
        List<String> constants = TestOperations.catalogue().all().stream().map(Operation::constant).toList();

        assertThat(CommandType.getClassSchema().getEnumSymbols()).containsExactlyInAnyOrderElementsOf(
                Stream.concat(Stream.of("UNKNOWN"), constants.stream()).toList());
    }

    @Test
    void namesTheKindThatHasNoSymbolAtStartup() {
        OperationCatalogue withNewKind = new OperationCatalogue(Stream.concat(TestOperations.all().stream(),
                Stream.of(new NewKind())).toList());

        assertThatThrownBy(() -> new ReplyMapper(withNewKind))
                .hasMessage("kind launch-rocket has no symbol LAUNCH_ROCKET in the reply's CommandType (avro/Reply.avsc): "
                        + "add it there, after the existing ones");
    }

    @Test
    void refusesAResultThatIsNotAMemberOfTheReplysUnion() {
        ReplyMapper mapper = new ReplyMapper(TestOperations.catalogue());
        Command<CreateCustomer> command = command();
        Handled notAResult = new Handled(Outcome.Succeeded.of(Outcome.Detail.CREATED, command.fields()), 1);

        assertThatThrownBy(() -> mapper.toReply(command, notAResult, 5))
                .hasMessageStartingWith("io.fluentkafka.worker.avro.CreateCustomer is not a member of the reply's result union");
    }

    @Test
    void carriesTheOperationsResultRecordAndTheKindsConstant() {
        ReplyMapper mapper = new ReplyMapper(TestOperations.catalogue());
        CustomerResult customer = CustomerResult.newBuilder().setId("7").build();

        Reply reply = mapper.toReply(command(), new Handled(Outcome.Succeeded.of(Outcome.Detail.CREATED, customer), 1), 5);

        assertThat(reply.getCommandType()).isEqualTo(CommandType.CREATE_CUSTOMER);
        assertThat(reply.getResult()).isEqualTo(customer);
    }

    @SuppressWarnings("unchecked")
    private static Command<CreateCustomer> command() {
        Operation<CreateCustomer> operation = (Operation<CreateCustomer>) TestOperations.byKind("create-customer");
        CreateCustomer fields = CreateCustomer.newBuilder().setCommandId("c-1").setPrimaryEmail("a@b.co").setFirstName("A").build();
        return new Command<>(new CommandMetadata("c-1", null, null), operation, fields);
    }

    /** A kind the reply schema does not know yet. */
    private static final class NewKind implements Operation<CreateCustomer> {
        @Override
        public String kind() {
            return "launch-rocket";
        }

        @Override
        public Class<CreateCustomer> commandType() {
            return CreateCustomer.class;
        }

        @Override
        public Repeat repeat() {
            return Repeat.NOT_IDEMPOTENT;
        }

        @Override
        public void validate(CreateCustomer command, Checks checks) {
        }

        @Override
        public CompletableFuture<Outcome.Succeeded> perform(CreateCustomer command, Execution execution) {
            return new CompletableFuture<>();
        }
    }
}
