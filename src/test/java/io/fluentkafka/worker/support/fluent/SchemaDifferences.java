package io.fluentkafka.worker.support.fluent;

import graphql.language.AstPrinter;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.NonNullType;
import graphql.language.OperationTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where an SDL that should be a subset of another declares something the other does not, or declares it
 * differently. A subset agrees with its reference when: every type it declares exists there with the same kind;
 * every field, argument, input field, enum value, union member and implemented interface it declares exists there;
 * each with the same type, nullability ({@code !}) and list wrapping included; and it declares every argument and
 * input field the reference requires (non-null without a default), since leaving one out would accept requests
 * the reference refuses. Descriptions, directives and default values are not compared.
 */
final class SchemaDifferences {

    private final TypeDefinitionRegistry reference;
    private final List<String> differences = new ArrayList<>();

    private SchemaDifferences(TypeDefinitionRegistry reference) {
        this.reference = reference;
    }

    /** One readable line per difference, naming the type and member; empty when {@code subset} agrees. */
    static List<String> of(TypeDefinitionRegistry subset, TypeDefinitionRegistry reference) {
        SchemaDifferences check = new SchemaDifferences(reference);
        check.roots(subset);
        subset.scalars().keySet().stream().filter(name -> !reference.scalars().containsKey(name))
                .forEach(name -> check.differences.add("scalar " + name + ": not in the reference"));
        subset.types().values().forEach(check::type);
        return List.copyOf(check.differences);
    }

    private void roots(TypeDefinitionRegistry subset) {
        Map<String, String> theirs = rootTypes(reference);
        rootTypes(subset).forEach((operation, type) -> {
            if (!type.equals(theirs.get(operation))) {
                differences.add("schema " + operation + ": " + type + " here, " + theirs.get(operation) + " in the reference");
            }
        });
    }

    /** Operation to root type name; without a {@code schema} block, the names {@code Query} and {@code Mutation}. */
    private static Map<String, String> rootTypes(TypeDefinitionRegistry registry) {
        return registry.schemaDefinition()
                .map(schema -> schema.getOperationTypeDefinitions().stream().collect(Collectors.toMap(
                        OperationTypeDefinition::getName, operation -> operation.getTypeName().getName())))
                .orElse(Map.of("query", "Query", "mutation", "Mutation"));
    }

    private void type(TypeDefinition<?> ours) {
        Optional<TypeDefinition> theirs = reference.getType(ours.getName());
        if (theirs.isEmpty()) {
            differences.add("type " + ours.getName() + ": not in the reference");
        } else if (theirs.get().getClass() != ours.getClass()) {
            differences.add("type " + ours.getName() + ": " + kind(ours) + " here, " + kind(theirs.get()) + " in the reference");
        } else if (ours instanceof ImplementingTypeDefinition<?> implementing) {
            implementing(implementing, (ImplementingTypeDefinition<?>) theirs.get());
        } else if (ours instanceof InputObjectTypeDefinition input) {
            values(input.getName(), input.getInputValueDefinitions(), ((InputObjectTypeDefinition) theirs.get()).getInputValueDefinitions());
        } else if (ours instanceof EnumTypeDefinition enumType) {
            members(enumType.getName(), "value", names(enumType.getEnumValueDefinitions(), EnumValueDefinition::getName),
                    names(((EnumTypeDefinition) theirs.get()).getEnumValueDefinitions(), EnumValueDefinition::getName));
        } else if (ours instanceof UnionTypeDefinition union) {
            members(union.getName(), "member", names(union.getMemberTypes(), member -> ((TypeName) member).getName()),
                    names(((UnionTypeDefinition) theirs.get()).getMemberTypes(), member -> ((TypeName) member).getName()));
        }
    }

    private void implementing(ImplementingTypeDefinition<?> ours, ImplementingTypeDefinition<?> theirs) {
        members(ours.getName(), "interface", names(ours.getImplements(), type -> ((TypeName) type).getName()),
                names(theirs.getImplements(), type -> ((TypeName) type).getName()));
        Map<String, FieldDefinition> theirFields = byName(theirs.getFieldDefinitions(), FieldDefinition::getName);
        for (FieldDefinition field : ours.getFieldDefinitions()) {
            String where = ours.getName() + "." + field.getName();
            FieldDefinition their = theirFields.get(field.getName());
            if (their == null) {
                differences.add(where + ": not in the reference");
            } else {
                sameType(where, field.getType(), their.getType());
                values(where, field.getInputValueDefinitions(), their.getInputValueDefinitions());
            }
        }
    }

    /** Arguments of a field, or fields of an input type. */
    private void values(String owner, List<InputValueDefinition> ours, List<InputValueDefinition> theirs) {
        Map<String, InputValueDefinition> ourValues = byName(ours, InputValueDefinition::getName);
        Map<String, InputValueDefinition> theirValues = byName(theirs, InputValueDefinition::getName);
        ourValues.forEach((name, value) -> {
            InputValueDefinition their = theirValues.get(name);
            if (their == null) {
                differences.add(owner + "(" + name + "): not in the reference");
            } else {
                sameType(owner + "(" + name + ")", value.getType(), their.getType());
            }
        });
        theirValues.forEach((name, their) -> {
            if (!ourValues.containsKey(name) && their.getType() instanceof NonNullType && their.getDefaultValue() == null) {
                differences.add(owner + "(" + name + "): required in the reference (" + signature(their.getType()) + ") but missing here");
            }
        });
    }

    private void members(String owner, String what, List<String> ours, List<String> theirs) {
        ours.stream().filter(name -> !theirs.contains(name))
                .forEach(name -> differences.add(owner + " " + what + " " + name + ": not in the reference"));
    }

    private void sameType(String where, Type<?> ours, Type<?> theirs) {
        if (!signature(ours).equals(signature(theirs))) {
            differences.add(where + ": " + signature(ours) + " here, " + signature(theirs) + " in the reference");
        }
    }

    private static String signature(Type<?> type) {
        return AstPrinter.printAst(type);
    }

    /** The SDL keyword that declares the type: {@code type}, {@code input}, {@code enum}, ... */
    private static String kind(TypeDefinition<?> type) {
        String name = type.getClass().getSimpleName().replace("TypeDefinition", "");
        return "InputObject".equals(name) ? "input" : name.equals("Object") ? "type" : name.toLowerCase();
    }

    private static <T> List<String> names(List<T> items, Function<T, String> name) {
        return items.stream().map(name).toList();
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        return items.stream().collect(Collectors.toMap(name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }
}
