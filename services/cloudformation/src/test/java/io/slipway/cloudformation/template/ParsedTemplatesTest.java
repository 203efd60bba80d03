package io.slipway.cloudformation.template;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParsedTemplatesTest {

    private static final String BODY = """
            Resources:
              Child: {Type: X, Properties: {Parent: !Ref Parent}}
              Parent: {Type: X}
              Other: {Type: X, DependsOn: Child}
            """;

    @Test
    void aBodyIsParsedOnceAndItsOrderWorkedOutOncePerIncludedSet() {
        // a copy of the text, as a body read back from the store is: the cache is keyed by the text, not the instance
        Template first = ParsedTemplates.parse(BODY);
        Template again = ParsedTemplates.parse(new String(BODY.toCharArray()));
        assertThat(again).isSameAs(first);

        ParsedTemplates.Order all = ParsedTemplates.order(first, Set.of("Child", "Parent", "Other"));
        assertThat(all.creation()).containsExactly("Parent", "Child", "Other");
        assertThat(all.dependencies()).containsEntry("Child", Set.of("Parent")).containsEntry("Other", Set.of("Child"));
        assertThat(ParsedTemplates.order(first, new java.util.LinkedHashSet<>(List.of("Other", "Parent", "Child")))).isSameAs(all);

        ParsedTemplates.Order some = ParsedTemplates.order(first, Set.of("Parent"));
        assertThat(some.creation()).containsExactly("Parent");
    }

    @Test
    void whatTheCacheHandsOutCannotBeChanged() {
        Template t = ParsedTemplates.parse(BODY);
        assertThatThrownBy(() -> t.resources().clear()).isInstanceOf(UnsupportedOperationException.class);
        ParsedTemplates.Order order = ParsedTemplates.order(t, Set.of("Child", "Parent", "Other"));
        assertThatThrownBy(() -> order.creation().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> order.dependencies().get("Child").clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aBodyThatDoesNotParseFailsEveryTime() {
        assertThatThrownBy(() -> ParsedTemplates.parse("{ not json")).isInstanceOf(TemplateException.class);
        assertThatThrownBy(() -> ParsedTemplates.parse("{ not json")).isInstanceOf(TemplateException.class);
    }
}
