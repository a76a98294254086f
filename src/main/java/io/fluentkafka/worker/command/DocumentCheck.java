package io.fluentkafka.worker.command;

import graphql.GraphQLException;
import graphql.language.Argument;
import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.VariableDefinition;
import graphql.parser.Parser;
import io.micronaut.context.exceptions.ConfigurationException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a document that replaces one of a kind's defaults against it, so the worker can send it as it sends the
 * default and read its answer the same way: it parses; it holds exactly one operation, without fragments, of the
 * default's type; that operation selects exactly one root field, unaliased, one of the kind's, with the default's
 * arguments, and no directive; it declares exactly the default's variables with the default's types; and it selects,
 * unaliased and without directives, every field the default selects (it may select more). Each failure is a {@link ConfigurationException} naming the key.
 */
final class DocumentCheck {

    private DocumentCheck() {
    }

    /** The root field {@code text} replaces, one of {@code defaults}' keys (root field to default document). */
    static String rootField(String key, String text, Map<String, String> defaults) {
        OperationDefinition operation = operation(key, text);
        Field root = root(key, operation, defaults.keySet());
        OperationDefinition expected = operation(key + "'s default", defaults.get(root.getName()));
        if (operation.getOperation() != expected.getOperation()) {
            throw fail(key, "is a " + type(operation) + ", but " + root.getName() + " is a " + type(expected));
        }
        Field expectedRoot = (Field) expected.getSelectionSet().getSelections().get(0);
        String arguments = arguments(root.getArguments());
        String expectedArguments = arguments(expectedRoot.getArguments());
        if (!arguments.equals(expectedArguments)) {
            throw fail(key, "passes " + root.getName() + arguments + "; it must pass the default's arguments, "
                    + root.getName() + expectedArguments);
        }
        checkVariables(key, variables(operation), variables(expected));
        checkSelects(key, root.getName(), root.getSelectionSet(), expectedRoot.getSelectionSet());
        return root.getName();
    }

    private static OperationDefinition operation(String key, String text) {
        if (text == null || text.isBlank()) {
            throw fail(key, "is empty");
        }
        graphql.language.Document document;
        try {
            document = Parser.parse(text);
        } catch (GraphQLException e) {
            throw fail(key, "does not parse as GraphQL: " + e.getMessage());
        }
        List<Definition> definitions = document.getDefinitions();
        for (Definition<?> definition : definitions) {
            if (definition instanceof FragmentDefinition fragment) {
                throw fail(key, "defines fragment " + fragment.getName() + "; fragments are not supported, select the fields inline");
            }
            if (!(definition instanceof OperationDefinition)) {
                throw fail(key, "holds a " + definition.getClass().getSimpleName() + "; it must hold one query or mutation only");
            }
        }
        if (definitions.size() != 1) {
            throw fail(key, "holds " + definitions.size() + " operations; it must hold exactly one");
        }
        return (OperationDefinition) definitions.get(0);
    }

    private static Field root(String key, OperationDefinition operation, Set<String> fields) {
        List<Selection> selections = operation.getSelectionSet().getSelections();
        if (selections.size() != 1 || !(selections.get(0) instanceof Field root)) {
            throw fail(key, "must select exactly one root field, one of " + fields + ", and nothing else");
        }
        if (!fields.contains(root.getName())) {
            throw fail(key, "selects root field " + root.getName() + ", but the kind's root field is " + String.join(" or ", fields));
        }
        if (!root.getDirectives().isEmpty() || !operation.getDirectives().isEmpty()) {
            throw fail(key, "carries a directive on its operation or on " + root.getName() + "; it must run unconditionally");
        }
        if (root.getAlias() != null && !root.getAlias().equals(root.getName())) {
            throw fail(key, "aliases " + root.getName() + " as " + root.getAlias() + "; the worker reads the answer at " + root.getName());
        }
        return root;
    }

    private static void checkVariables(String key, Map<String, String> declared, Map<String, String> passed) {
        passed.forEach((name, type) -> {
            String declaredType = declared.get(name);
            if (declaredType == null) {
                throw fail(key, "does not declare $" + name + " (" + type + "), which the worker passes");
            }
            if (!declaredType.equals(type)) {
                throw fail(key, "declares $" + name + " as " + declaredType + ", but the worker passes it as " + type);
            }
        });
        declared.keySet().stream().filter(name -> !passed.containsKey(name)).findFirst().ifPresent(name -> {
            throw fail(key, "declares $" + name + ", which the worker does not pass (it passes "
                    + (passed.isEmpty() ? "none" : passed.keySet().stream().map(v -> "$" + v).collect(Collectors.joining(", "))) + ")");
        });
    }

    /**
     * Every field of {@code expected} is in {@code selected}, unaliased, down to the leaves; {@code path} names the level.
     * As GraphQL does, the unaliased selections of one field are merged ({@code retailer { tradingName } retailer { id }}
     * selects {@code retailer.id}); only those without a directive count, since a directive may drop its selection.
     */
    private static void checkSelects(String key, String path, SelectionSet selected, SelectionSet expected) {
        if (expected == null) {
            return;
        }
        Map<String, List<Field>> fields = new LinkedHashMap<>();
        if (selected != null) {
            for (Selection<?> selection : selected.getSelections()) {
                if (selection instanceof Field field && (field.getAlias() == null || field.getAlias().equals(field.getName()))) {
                    fields.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field);
                }
            }
        }
        for (Selection<?> selection : expected.getSelections()) {
            Field field = (Field) selection;
            List<Field> found = fields.getOrDefault(field.getName(), List.of());
            String fieldPath = path + "." + field.getName();
            if (found.isEmpty()) {
                throw fail(key, "does not select " + fieldPath + ", which the reply's result needs; it must select at least "
                        + "the default's fields, unaliased and outside fragments");
            }
            List<Field> unconditional = found.stream().filter(f -> f.getDirectives().isEmpty()).toList();
            if (unconditional.isEmpty()) {
                throw fail(key, "puts a directive on " + fieldPath + ", which the reply's result needs; it must select it unconditionally");
            }
            checkSelects(key, fieldPath, merged(unconditional), field.getSelectionSet());
        }
    }

    /** The sub-selections of {@code fields}, one field's selections, as one; null when none has any. */
    private static SelectionSet merged(List<Field> fields) {
        List<Selection> selections = new ArrayList<>();
        boolean any = false;
        for (Field field : fields) {
            if (field.getSelectionSet() != null) {
                any = true;
                selections.addAll(field.getSelectionSet().getSelections());
            }
        }
        return any ? SelectionSet.newSelectionSet(selections).build() : null;
    }

    private static Map<String, String> variables(OperationDefinition operation) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (VariableDefinition variable : operation.getVariableDefinitions()) {
            variables.put(variable.getName(), AstPrinter.printAst(variable.getType()));
        }
        return variables;
    }

    private static String arguments(List<Argument> arguments) {
        return arguments.isEmpty() ? "" : arguments.stream().map(AstPrinter::printAst).sorted().collect(Collectors.joining(", ", "(", ")"));
    }

    private static String type(OperationDefinition operation) {
        return operation.getOperation().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static ConfigurationException fail(String key, String reason) {
        return new ConfigurationException(key + " " + reason);
    }
}
