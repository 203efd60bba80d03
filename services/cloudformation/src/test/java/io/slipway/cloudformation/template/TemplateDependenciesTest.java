package io.slipway.cloudformation.template;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateDependenciesTest {

    private static Map<String, Set<String>> graph(Template t) {
        return Dependencies.of(t, t.resources().keySet());
    }

    @Test
    void refGetAttSubAndDependsOnAreDependencies() {
        Template t = Template.parse("""
                Parameters:
                  Env: {Type: String}
                Resources:
                  Site:
                    Type: X
                    DependsOn: Logs
                    Properties:
                      Bucket: !Ref Bucket
                      Role: !GetAtt Role.Arn
                      Name: !Sub '${Env}-${Topic}-${Queue.Arn}-${AWS::Region}-${!Literal}'
                      Own: !Sub ['${Local}', {Local: !Ref Key}]
                      Text: {Fn::GetAtt: Alarm.Name}
                  Bucket: {Type: X, Properties: {Name: !Ref Env}}
                  Role: {Type: X}
                  Topic: {Type: X}
                  Queue: {Type: X}
                  Key: {Type: X}
                  Alarm: {Type: X}
                  Logs: {Type: X}
                """);

        Map<String, Set<String>> graph = graph(t);

        assertThat(graph.get("Site")).containsExactly("Logs", "Bucket", "Role", "Topic", "Queue", "Key", "Alarm");
        assertThat(graph.get("Bucket")).isEmpty();
        assertThat(graph.keySet()).containsExactly("Site", "Bucket", "Role", "Topic", "Queue", "Key", "Alarm", "Logs");
    }

    @Test
    void creationOrderPutsDependenciesFirstAndTiesInDeclarationOrder() {
        Template t = Template.parse("""
                Resources:
                  App: {Type: X, Properties: {Db: !Ref Db, Cache: !GetAtt Cache.Endpoint}}
                  Cache: {Type: X, DependsOn: [Network]}
                  Db: {Type: X, Properties: {Subnet: !Ref Network}}
                  Network: {Type: X}
                  Alone: {Type: X}
                """);

        assertThat(Dependencies.creationOrder(t, graph(t))).containsExactly("Network", "Cache", "Db", "App", "Alone");
    }

    @Test
    void resourcesLeftOutByTheirConditionAreNotInTheGraph() {
        Template t = Template.parse("""
                Conditions:
                  Never: !Equals [a, b]
                Resources:
                  App: {Type: X, Properties: {Extra: !If [Never, !Ref Extra, !Ref AWS::NoValue], Db: !Ref Db}}
                  Extra: {Type: X, Condition: Never}
                  Db: {Type: X}
                """);

        Map<String, Set<String>> graph = Dependencies.of(t, Set.of("App", "Db"));

        assertThat(graph).containsOnlyKeys("App", "Db");
        assertThat(graph.get("App")).containsExactly("Db");
        assertThat(Dependencies.creationOrder(t, graph)).containsExactly("Db", "App");
    }

    @Test
    void referencesToLeftOutResourcesOutsideFnIfAreUnresolved() {
        Template t = Template.parse("""
                Resources:
                  App: {Type: X, DependsOn: Extra, Properties: {A: !Ref Other}}
                  Extra: {Type: X}
                  Other: {Type: X}
                """);

        assertThatThrownBy(() -> Dependencies.of(t, Set.of("App")))
                .isInstanceOf(TemplateException.class)
                .hasMessage("Template format error: Unresolved resource dependencies [Extra, Other] in the Resources block of the template");
    }

    @Test
    void unknownReferencesAreUnresolved() {
        assertThatThrownBy(() -> graph(Template.parse("Resources:\n  A: {Type: X, Properties: {P: !Ref Nope}}\n")))
                .hasMessage("Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template");
        assertThatThrownBy(() -> graph(Template.parse("Resources:\n  A: {Type: X, DependsOn: [Nope]}\n")))
                .hasMessage("Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template");
        assertThatThrownBy(() -> graph(Template.parse("Resources:\n  A: {Type: X, Properties: {P: !Sub '${Nope.Arn}'}}\n")))
                .hasMessage("Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template");
        assertThatThrownBy(() -> graph(Template.parse("Resources:\n  A: {Type: X, Properties: {P: !GetAtt Nope.Arn}}\n")))
                .hasMessage("Template error: instance of Fn::GetAtt references undefined resource Nope");
        assertThatThrownBy(() -> graph(Template.parse("Resources:\n  A: {Type: X, Properties: {P: !If [C, !Ref Nope, x]}}\n"
                + "Conditions:\n  C: !Equals [a, a]\n")))
                .hasMessage("Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template");
    }

    @Test
    void cyclesAreReportedWithTheResourcesInThem() {
        Template t = Template.parse("""
                Resources:
                  A: {Type: X, Properties: {P: !Ref B}}
                  B: {Type: X, Properties: {P: !GetAtt C.Arn}}
                  C: {Type: X, DependsOn: A}
                  Waits: {Type: X, DependsOn: C}
                  Free: {Type: X}
                """);

        assertThatThrownBy(() -> graph(t))
                .isInstanceOf(TemplateException.class)
                .hasMessage("Circular dependency between resources: [A, B, C]");
        assertThatThrownBy(() -> graph(Template.parse("Resources:\n  Self: {Type: X, Properties: {P: !Sub '${Self}'}}\n")))
                .hasMessage("Circular dependency between resources: [Self]");
    }

    @Test
    void creationOrderOfAGivenGraph() {
        Template t = Template.parse("Resources:\n  A: {Type: X}\n  B: {Type: X}\n  C: {Type: X}\n");

        assertThat(Dependencies.creationOrder(t, Map.of("A", Set.of("C"), "B", Set.of(), "C", Set.of("Gone"))))
                .containsExactly("B", "C", "A");
        assertThatThrownBy(() -> Dependencies.creationOrder(t, Map.of("A", Set.of("B"), "B", Set.of("A"))))
                .hasMessage("Circular dependency between resources: [A, B]");
        assertThat(Dependencies.creationOrder(t, Map.of())).isEqualTo(List.of());
    }
}
