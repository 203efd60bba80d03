package io.slipway.cloudformation.template;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.Construct;
import org.yaml.snakeyaml.constructor.ConstructorException;
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
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a YAML template into the same plain values as {@link JsonReader}, with the short-form tags
 * ({@code !Ref}, {@code !Sub}, ...) turned into their long form ({@code {"Ref": ...}},
 * {@code {"Fn::Sub": ...}}) so that nothing downstream needs to know which syntax a template used.
 * YAML that JSON cannot say (binary, sets, ordered maps, pairs, keys that are not text) is not
 * well-formed for a template, and the JSON reader's bounds apply (nesting, digits). Aliases are
 * measured after reading ({@link TemplateSize}).
 */
final class YamlReader {
    /**
     * Aliases of maps and lists, each constructed once and shared, so they cost nothing while reading;
     * what they expand to is bounded afterwards. SnakeYAML's default (50) would refuse a template that
     * shares one tag list among a hundred resources.
     */
    private static final int COLLECTION_ALIASES = 1_000;
    /** Short tags whose long form is {"Fn::Name": argument}. */
    private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAZs", "If",
            "ImportValue", "Join", "Select", "Split", "Sub", "Equals", "And", "Or", "Not");

    private static final Set<Tag> TEXT_KEYS = Set.of(Tag.BOOL, Tag.INT, Tag.FLOAT, Tag.NULL, Tag.TIMESTAMP);

    private YamlReader() {
    }

    static Object read(String body) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(COLLECTION_ALIASES);
        options.setNestingDepthLimit(Quotas.NESTING_DEPTH);
        options.setCodePointLimit(Quotas.TEMPLATE_URL_BYTES);
        DumperOptions unused = new DumperOptions();
        Yaml yaml = new Yaml(new TemplateConstructor(options), new Representer(unused), unused, options, new Resolver());
        try {
            return yaml.load(body);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw notWellFormed(mark);
        } catch (YAMLException e) {
            // SnakeYAML says so only in its message; the JSON reader's limit gives the same answer
            if (String.valueOf(e.getMessage()).startsWith("Nesting Depth exceeded")) {
                throw TemplateSize.tooDeep();
            }
            throw notWellFormed(null);
        } catch (TemplateException e) {
            throw e;
        } catch (RuntimeException e) {
            // a standard tag on a node of the wrong kind, or text it cannot read: !!seq {a: 1}, !!int abc
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
            for (Tag outsideJson : List.of(Tag.BINARY, Tag.SET, Tag.OMAP, Tag.PAIRS)) {
                yamlConstructors.put(outsideJson, new Refused());
            }
            yamlConstructors.put(Tag.FLOAT, new Decimal());
            yamlConstructors.put(Tag.INT, new Whole(yamlConstructors.get(Tag.INT)));
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
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    throw new NotInTemplates("a key must be text, not a map or list", tuple.getKeyNode().getStartMark());
                }
                if (TEXT_KEYS.contains(key.getTag())) {
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

        /** YAML a template cannot hold, marked where it is so the answer can say so. */
        private static final class NotInTemplates extends ConstructorException {
            NotInTemplates(String problem, Mark mark) {
                super(null, null, problem, mark);
            }
        }

        /** Standard tags whose values JSON cannot hold: a template cannot use them. */
        private static final class Refused extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                throw new NotInTemplates("the tag " + node.getTag() + " has no place in a template", node.getStartMark());
            }
        }

        /** Whole numbers as Integer or Long like JSON's, and BigDecimal beyond (not BigInteger). */
        private static final class Whole extends AbstractConstruct {
            private final Construct yaml11;

            Whole(Construct yaml11) {
                this.yaml11 = yaml11;
            }

            @Override
            public Object construct(Node node) {
                Object value = yaml11.construct(node);
                return value instanceof BigInteger big
                        ? Scalars.bounded(new BigDecimal(big), ((ScalarNode) node).getValue()) : value;
            }
        }

        /** Decimals as BigDecimal; the YAML 1.1 specials (.inf, .nan) and sexagesimal forms stay text. */
        private final class Decimal extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                String written = constructScalar((ScalarNode) node);
                BigDecimal number;
                try {
                    number = new BigDecimal(written.replace("_", ""));
                } catch (NumberFormatException e) {
                    return written;
                }
                return Scalars.bounded(number, written);
            }
        }
    }
}
