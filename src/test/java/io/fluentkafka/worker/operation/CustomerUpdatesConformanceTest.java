package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.Attribute;
import io.fluentkafka.worker.avro.UpdateCustomer;
import io.fluentkafka.worker.avro.UpsertCustomer;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Violation;
import io.fluentkafka.worker.messaging.AvroTrust;
import io.fluentkafka.worker.support.fluent.FluentReferenceSchema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * update-customer's and upsert-customer's {@code updateCustomer}, with the variables each builds, is a request Fluent's
 * real schema accepts; only the fields a command sets are sent; the checks name each field Fluent would refuse.
 */
class CustomerUpdatesConformanceTest {

    static {
        AvroTrust.ensure(); // a builder reads the attributes' default through Avro's class checks
    }

    private static final List<Attribute> ATTRIBUTES_OF_EVERY_TYPE = List.of(new Attribute("tier", "STRING", "gold"),
            new Attribute("preferences", "JSON", "{\"channels\":[\"sms\"]}"), new Attribute("points", "INTEGER", "42"),
            new Attribute("vip", "BOOLEAN", "true"));

    private final FluentReferenceSchema fluent = FluentReferenceSchema.load();
    private final UpdateCustomerOperation update = (UpdateCustomerOperation) TestOperations.byKind("update-customer");
    private final UpsertCustomerOperation upsert = (UpsertCustomerOperation) TestOperations.byKind("upsert-customer");

    @Test
    void theOwnerLookupBeforeAnUpsertsUpdateIsValidAgainstFluentsSchema() {
        assertThat(fluent.requestErrors(CustomerUpdates.CUSTOMER_RETAILER, null, Map.of("ref", "jane@example.com"))).isEmpty();
    }

    @Test
    void anUpdateOfEveryFieldIsAValidRequestAgainstFluentsSchema() {
        UpdateCustomer command = UpdateCustomer.newBuilder().setCommandId("u-1").setUsername("jane@example.com").setTitle("Ms")
                .setCountry("AU").setFirstName("Jane").setLastName("Roe").setPrimaryEmail("roe@example.com").setPrimaryPhone("+61 2 0000")
                .setTimezone("Australia/Sydney").setPromotionOptIn(false).setAttributes(ATTRIBUTES_OF_EVERY_TYPE).build();

        Map<String, Object> variables = update.variables(command);

        assertThat(fluent.requestErrors(CustomerUpdates.UPDATE_CUSTOMER, null, variables)).isEmpty();
        assertThat(input(variables)).containsEntry("promotionOptIn", false).containsEntry("title", "Ms")
                .containsEntry("attributes", List.of(Map.of("name", "tier", "type", "STRING", "value", "gold"),
                        Map.of("name", "preferences", "type", "JSON", "value", Map.of("channels", List.of("sms"))),
                        Map.of("name", "points", "type", "INTEGER", "value", 42L), Map.of("name", "vip", "type", "BOOLEAN", "value", true)));
    }

    @Test
    void anUpdateSendsOnlyTheUsernameAndTheFieldsTheCommandSets() {
        UpdateCustomer command = UpdateCustomer.newBuilder().setCommandId("u-2").setUsername("jane@example.com").setLastName("Roe").build();

        Map<String, Object> variables = update.variables(command);

        assertThat(fluent.requestErrors(CustomerUpdates.UPDATE_CUSTOMER, null, variables)).isEmpty();
        assertThat(input(variables)).isEqualTo(Map.of("username", "jane@example.com", "lastName", "Roe"));
    }

    @Test
    void anUpsertsUpdateIsKeyedByTheUsernameOrElseTheEmailAndLeavesUnsetFieldsAlone() {
        UpsertCustomer byEmail = UpsertCustomer.newBuilder().setCommandId("p-1").setPrimaryEmail("jane@example.com").setFirstName("Jane")
                .setRetailerId("1").setAttributes(ATTRIBUTES_OF_EVERY_TYPE).build();
        UpsertCustomer byUsername = UpsertCustomer.newBuilder(byEmail).setUsername("1_jane").setPromotionOptIn(true).build();

        assertThat(fluent.requestErrors(CustomerUpdates.UPDATE_CUSTOMER, null, upsert.variables(byEmail))).isEmpty();
        assertThat(input(upsert.variables(byEmail))).containsEntry("username", "jane@example.com")
                .containsEntry("primaryEmail", "jane@example.com").containsEntry("firstName", "Jane")
                .doesNotContainKeys("timezone", "promotionOptIn", "retailer", "lastName");
        assertThat(input(upsert.variables(byUsername))).containsEntry("username", "1_jane").containsEntry("promotionOptIn", true);
    }

    @Test
    void theDocumentSelectsTheFieldsOfACreatedCustomer() {
        assertThat(CustomerUpdates.UPDATE_CUSTOMER).contains("{ id ref username primaryEmail firstName lastName status retailer { id } }");
        assertThat(fluent.documentErrors(CustomerUpdates.UPDATE_CUSTOMER)).isEmpty();
    }

    @Test
    void refusesAnUpdateWithoutUsernameOrWithFieldsOverFluentsLimits() {
        UpdateCustomer bad = UpdateCustomer.newBuilder().setCommandId("u-3").setUsername(" ").setTitle("t".repeat(51))
                .setCountry("c".repeat(101)).setFirstName("f".repeat(51)).setLastName("l".repeat(51)).setPrimaryEmail("not-an-email")
                .setPrimaryPhone("1".repeat(21)).setTimezone("z".repeat(33))
                .setAttributes(List.of(new Attribute("n", "INTEGER", "many"))).build();
        Checks checks = new Checks();

        update.validate(bad, checks);

        assertThat(checks.violations()).extracting(Violation::toString).containsExactlyInAnyOrder(
                "username is required",
                "title is 51 characters long; at most 50 are allowed",
                "country is 101 characters long; at most 100 are allowed",
                "firstName is 51 characters long; at most 50 are allowed",
                "lastName is 51 characters long; at most 50 are allowed",
                "primaryEmail is not a valid email address: 'not-an-email'",
                "primaryPhone is 21 characters long; at most 20 are allowed",
                "timezone is 33 characters long; at most 32 are allowed",
                "attributes[0].value is not an integer (type INTEGER)");
    }

    @Test
    void acceptsAnUpdateThatSetsOnlyTheUsernameButNotABlankEmail() {
        Checks unchanged = new Checks();
        Checks blankEmail = new Checks();

        update.validate(UpdateCustomer.newBuilder().setCommandId("u-4").setUsername("jane@example.com").build(), unchanged);
        update.validate(UpdateCustomer.newBuilder().setCommandId("u-5").setUsername("jane@example.com").setPrimaryEmail(" ").build(), blankEmail);

        assertThat(unchanged.violations()).isEmpty();
        assertThat(blankEmail.violations()).extracting(Violation::toString).containsExactly("primaryEmail must not be blank when given");
    }

    @Test
    void refusesAnUpsertAsACreateWouldBeRefused() {
        UpsertCustomer bad = UpsertCustomer.newBuilder().setCommandId("p-2").setRetailerId("12a").setPrimaryEmail("jane.example.com")
                .setFirstName("").setTimezone("z".repeat(33)).setUsername("u".repeat(251)).build();
        Checks checks = new Checks();

        upsert.validate(bad, checks);

        assertThat(checks.violations()).extracting(Violation::toString).containsExactlyInAnyOrder(
                "retailerId must be a number (digits only), got '12a'",
                "primaryEmail is not a valid email address: 'jane.example.com'",
                "firstName is required",
                "timezone is 33 characters long; at most 32 are allowed",
                "username is 251 characters long; at most 250 are allowed");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> input(Map<String, Object> variables) {
        return (Map<String, Object>) variables.get("input");
    }
}
