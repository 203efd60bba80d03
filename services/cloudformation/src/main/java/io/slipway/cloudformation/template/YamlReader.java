package io.slipway.cloudformation.template;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a YAML template into the same plain values as {@link JsonReader}, with the short-form tags
 * ({@code !Ref}, {@code !Sub}, ...) turned into their long form ({@code {"Ref": ...}},
 * {@code {"Fn::Sub": ...}}) so that nothing downstream needs to know which syntax a template used.
 */
final class YamlReader {
    /** Short tags whose long form is {"Fn::Name": argument}. */
    private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAZs", "If",
            "ImportValue", "Join", "Select", "Split", "Sub", "Equals", "And", "Or", "Not");

    private static final Set<Tag> TEXT_KEYS = Set.of(Tag.BOOL, Tag.INT, Tag.FLOAT, Tag.NULL, Tag.TIMESTAMP);

    private YamlReader() {
    }

    static Object read(String body) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        DumperOptions unused = new DumperOptions();
        Yaml yaml = new Yaml(new TemplateConstructor(options), new Representer(unused), unused, options, new Resolver());
        try {
            return yaml.load(body);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw notWellFormed(mark);
        } catch (YAMLException e) {
            throw notWellFormed(null);
        }
    }

    private static TemplateException notWellFormed(Mark mark) {
        String where = mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
        return TemplateException.format("YAML not well-formed." + where);
    }

    /** SnakeYAML's safe constructor plus CloudFormation's tags; dates stay text and decimals stay exact. */
    private static final class TemplateConstructor extends SafeConstructor {

        TemplateConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
            yamlConstructors.put(Tag.FLOAT, new Decimal());
            yamlConstructors.put(new Tag("!Ref"), new ShortForm("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new ShortForm("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
            for (String function : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new ShortForm("Fn::" + function));
            }
        }

        /**
         * Keys are always text in a template: without this YAML 1.1 would read a key {@code On} as the
         * boolean true and {@code 80} as a number. Merge keys ({@code <<}) keep their meaning.
         */
        @Override
        protected void constructMapping2ndStep(MappingNode node, Map<Object, Object> mapping) {
            for (NodeTuple tuple : node.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && TEXT_KEYS.contains(key.getTag())) {
                    key.setTag(Tag.STR);
                }
            }
            super.constructMapping2ndStep(node, mapping);
        }

        private Object argument(Node node) {
            return switch (node) {
                case ScalarNode scalar -> constructScalar(scalar);
                case SequenceNode sequence -> constructSequence(sequence);
                case MappingNode mapping -> constructMapping(mapping);
                default -> throw new YAMLException("unexpected node " + node);
            };
        }

        private final class ShortForm extends AbstractConstruct {
            private final String key;

            ShortForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                return Map.of(key, argument(node));
            }
        }

        /** {@code !GetAtt Res.Attr.Part} means resource Res, attribute Attr.Part: split on the first dot. */
        private final class GetAtt extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                Object argument = argument(node);
                if (argument instanceof String text && text.indexOf('.') > 0) {
                    int dot = text.indexOf('.');
                    argument = List.of(text.substring(0, dot), text.substring(dot + 1));
                }
                return Map.of("Fn::GetAtt", argument);
            }
        }

        /** Decimals as BigDecimal; the YAML 1.1 specials (.inf, .nan) and sexagesimal forms stay text. */
        private final class Decimal extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                String text = constructScalar((ScalarNode) node).replace("_", "");
                try {
                    return new BigDecimal(text);
                } catch (NumberFormatException e) {
                    return constructScalar((ScalarNode) node);
                }
            }
        }
    }
}
