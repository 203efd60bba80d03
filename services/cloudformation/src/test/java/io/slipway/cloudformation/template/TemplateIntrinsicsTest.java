package io.slipway.cloudformation.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class TemplateIntrinsicsTest {

    private static final String SUB_ARGUMENTS = "Template error: One or more Fn::Sub intrinsic functions don't specify"
            + " expected arguments. Specify a string as first argument, and an optional second argument to specify a"
            + " mapping of values to replace in the string";
    private static final String JOIN_ARGUMENTS = "Template error: every Fn::Join object requires two parameters, (1) a"
            + " string delimiter and (2) a list of strings to be joined or a function that returns a list of strings"
            + " (such as Fn::GetAZs) to be joined.";
    private static final String SPLIT_ARGUMENTS = "Template error: every Fn::Split object requires two parameters, (1) a"
            + " string delimiter and (2) a string to be split or a function that returns a string to be split.";
    private static final String FIND_IN_MAP_ARGUMENTS = "Template error: every Fn::FindInMap object requires three"
            + " parameters, the map name, map key and the attribute for return value";

    private static final Template TEMPLATE = Template.parse("""
            Parameters:
              Env: {Type: String, Default: prod}
              Zones: {Type: CommaDelimitedList, Default: 'x,y'}
              Attr: {Type: String, Default: Arn}
            Mappings:
              Sizes:
                prod: {Count: 3, Names: [a, b]}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              IsDev: !Not [!Condition IsProd]
            Resources:
              Bucket: {Type: AWS::S3::Bucket}
              Queue: {Type: AWS::SQS::Queue, Condition: IsDev}
            """);

    private final StackContext stack = new StackContext()
            .created("Bucket", "demo-bucket-1", Map.of("Arn", "arn:aws:s3:::demo-bucket-1", "Tags", List.of("t1", "t2")));

    private Object eval(String yaml) {
        Object raw = ((Map<?, ?>) Template.parse("Resources:\n  R:\n    Type: X\n    Properties:\n      V: " + yaml + "\n")
                .resources().get("R").properties()).get("V");
        return new Evaluator(TEMPLATE, ParameterValues.resolve(TEMPLATE, Map.of(), Map.of(), Set.of()), stack).evaluate(raw);
    }

    @Test
    void refAnswersParametersPseudoParametersAndPhysicalIds() {
        assertThat(eval("!Ref Env")).isEqualTo("prod");
        assertThat(eval("!Ref Zones")).isEqualTo(List.of("x", "y"));
        assertThat(eval("!Ref Bucket")).isEqualTo("demo-bucket-1");
        assertThat(eval("!Ref AWS::AccountId")).isEqualTo("123456789012");
        assertThat(eval("!Ref AWS::Region")).isEqualTo("eu-west-1");
        assertThat(eval("!Ref AWS::StackName")).isEqualTo("demo");
        assertThat(eval("!Ref AWS::StackId")).isEqualTo(StackContext.STACK_ID);
        assertThat(eval("!Ref AWS::Partition")).isEqualTo("aws");
        assertThat(eval("!Ref AWS::URLSuffix")).isEqualTo("amazonaws.com");
        assertThat(eval("!Ref AWS::NotificationARNs")).isEqualTo(List.of());
        assertThat(eval("!Ref AWS::NoValue")).isNull();
    }

    @Test
    void refToAResourceNotCreatedYetIsAnIllegalState() {
        stack.physicalIds.remove("Bucket");
        assertThatThrownBy(() -> eval("!Ref Bucket")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noValueIsRemovedFromMapsAndLists() {
        assertThat(eval("{Keep: 1, Drop: !Ref AWS::NoValue, List: [a, !Ref AWS::NoValue, !If [IsProd, !Ref AWS::NoValue, b]]}"))
                .isEqualTo(Map.of("Keep", 1, "List", List.of("a")));
    }

    @Test
    void numbersAndBooleansStayAsWritten() {
        assertThat(eval("{A: 5, B: 2.50, C: false, D: '7'}"))
                .isEqualTo(Map.of("A", 5, "B", new BigDecimal("2.50"), "C", false, "D", "7"));
    }

    @Test
    void getAtt() {
        assertThat(eval("!GetAtt Bucket.Arn")).isEqualTo("arn:aws:s3:::demo-bucket-1");
        assertThat(eval("!GetAtt [Bucket, Tags]")).isEqualTo(List.of("t1", "t2"));
        assertThat(eval("{Fn::GetAtt: Bucket.Arn}")).isEqualTo("arn:aws:s3:::demo-bucket-1");
        assertThat(eval("!GetAtt [Bucket, !Ref Attr]")).isEqualTo("arn:aws:s3:::demo-bucket-1");
    }

    @Test
    void getAttOfAResourceNotCreatedYetIsAnIllegalState() {
        stack.physicalIds.remove("Bucket");
        assertThatThrownBy(() -> eval("!GetAtt Bucket.Arn")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sub() {
        assertThat(eval("!Sub '${AWS::Region}-${Env}-${Bucket}-${Bucket.Arn}'"))
                .isEqualTo("eu-west-1-prod-demo-bucket-1-arn:aws:s3:::demo-bucket-1");
        assertThat(eval("!Sub ['${Name}.${Env}', {Name: !Join ['', [w, w, w]], Env: overridden}]")).isEqualTo("www.overridden");
        assertThat(eval("!Sub 'echo ${!HOME} costs $5 and {braces}'")).isEqualTo("echo ${HOME} costs $5 and {braces}");
        assertThat(eval("!Sub 'unclosed ${Env'")).isEqualTo("unclosed ${Env");
        assertThat(eval("!Sub ['${N}', {N: 42}]")).isEqualTo("42");
    }

    @Test
    void joinSelectSplit() {
        assertThat(eval("!Join [':', [a, 1, true, !Ref Env]]")).isEqualTo("a:1:true:prod");
        assertThat(eval("!Join [',', !Ref Zones]")).isEqualTo("x,y");
        assertThat(eval("!Join ['', []]")).isEqualTo("");
        assertThat(eval("!Select [1, !Ref Zones]")).isEqualTo("y");
        assertThat(eval("!Select ['0', [p, q]]")).isEqualTo("p");
        assertThat(eval("!Split [',', 'a,,b,']")).isEqualTo(List.of("a", "", "b", ""));
        assertThat(eval("!Split ['.', !Sub '${Env}.x']")).isEqualTo(List.of("prod", "x"));
        assertThat(eval("!Select [2, !Split ['|', 'a|b|c']]")).isEqualTo("c");
    }

    @Test
    void ifChoosesByConditionAndEvaluatesOnlyTheChosenBranch() {
        assertThat(eval("!If [IsProd, big, small]")).isEqualTo("big");
        assertThat(eval("!If [IsDev, !Ref Queue, none]")).isEqualTo("none");
    }

    @Test
    void findInMap() {
        assertThat(eval("!FindInMap [Sizes, !Ref Env, Count]")).isEqualTo(3);
        assertThat(eval("!FindInMap [Sizes, prod, Names]")).isEqualTo(List.of("a", "b"));
    }

    @Test
    void getAzsImportValueBase64() {
        assertThat(eval("!GetAZs ''")).isEqualTo(List.of("eu-west-1a", "eu-west-1b", "eu-west-1c"));
        assertThat(eval("!GetAZs us-east-2")).isEqualTo(List.of("us-east-2a", "us-east-2b", "us-east-2c"));
        assertThat(eval("!GetAZs {Ref: 'AWS::Region'}")).isEqualTo(List.of("eu-west-1a", "eu-west-1b", "eu-west-1c"));
        assertThat(eval("!GetAZs us-east-1")).isEqualTo(List.of("us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"));
        assertThat(eval("!GetAZs us-west-1")).isEqualTo(List.of("us-west-1a", "us-west-1c"));
        assertThat(eval("!GetAZs ap-northeast-1")).isEqualTo(List.of("ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"));
        stack.exports.put("shared-vpc", "vpc-123");
        assertThat(eval("!ImportValue shared-vpc")).isEqualTo("vpc-123");
        stack.exports.put("shared-prod", "vpc-456");
        assertThat(eval("!ImportValue {'Fn::Sub': 'shared-${Env}'}")).isEqualTo("vpc-456");
        assertThat(eval("!Base64 {'Fn::Sub': 'héllo ${Env}'}")).isEqualTo("aMOpbGxvIHByb2Q=");
    }

    @Test
    void cidr() {
        assertThat(eval("!Cidr ['10.0.0.0/16', 3, 8]")).isEqualTo(List.of("10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"));
        assertThat(eval("!Cidr ['192.168.1.77/24', '2', '6']")).isEqualTo(List.of("192.168.1.0/26", "192.168.1.64/26"));
        assertThat(eval("!Cidr ['2001:db8::/56', 2, 64]")).isEqualTo(List.of("2001:db8::/64", "2001:db8:0:1::/64"));
    }

    @Test
    void partitionFollowsTheRegion() {
        assertThat(References.partition("cn-north-1")).isEqualTo("aws-cn");
        assertThat(References.partition("us-gov-west-1")).isEqualTo("aws-us-gov");
        assertThat(References.partition("eu-west-1")).isEqualTo("aws");
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                arguments("!Ref Nope", "Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template"),
                arguments("!Ref Queue", "Template format error: Unresolved resource dependencies [Queue] in the Resources block of the template"),
                arguments("{Ref: [Env]}", "Template error: All References must be of type string"),
                arguments("!GetAtt Nope.Arn", "Template error: instance of Fn::GetAtt references undefined resource Nope"),
                arguments("!GetAtt Queue.Arn", "Template error: instance of Fn::GetAtt references undefined resource Queue"),
                arguments("!GetAtt Bucket.Size", "Template error: resource Bucket does not support attribute type Size in Fn::GetAtt"),
                arguments("!GetAtt [Bucket]", "Template error: every Fn::GetAtt object requires two non-empty parameters, the resource name and the resource attribute"),
                arguments("!Sub '${Missing}'", "Template format error: Unresolved resource dependencies [Missing] in the Resources block of the template"),
                arguments("!Sub '${Nope.Arn}'", "Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template"),
                arguments("!Sub '${Zones}'", "Template error: variable Zones in Fn::Sub expression does not resolve to a string"),
                arguments("!Sub '${a b}'", "Template error: variable names in Fn::Sub syntax must contain only alphanumeric characters, underscores, periods, and colons"),
                arguments("!Sub [a, b, c]", SUB_ARGUMENTS),
                arguments("!Join [',', a]", JOIN_ARGUMENTS),
                arguments("!Join [',', [[a]]]", JOIN_ARGUMENTS),
                arguments("!Select [5, [a, b]]", "Template error: Fn::Select cannot select nonexistent value at index 5"),
                arguments("!Select [-1, [a]]", "Template error: Fn::Select cannot select nonexistent value at index -1"),
                arguments("!Select [x, [a]]", "Template error: Fn::Select requires a list argument with a valid index value as its first element"),
                arguments("!Select [0, a]", "Template error: Fn::Select requires a list argument with two elements: an integer index and a list"),
                arguments("!Split [',', [a]]", SPLIT_ARGUMENTS),
                arguments("!If [Nope, a, b]", "Template error: unresolved condition dependency Nope in Fn::If"),
                arguments("!If [IsProd, a]", "Template error: Fn::If requires a list argument with three elements"),
                arguments("!FindInMap [Sizes, dev, Count]", "Template error: Unable to get mapping for Sizes::dev::Count"),
                arguments("!FindInMap [Colours, prod, Count]", "Template error: Mapping named 'Colours' is not present in the 'Mappings' section of template"),
                arguments("!FindInMap [Sizes, prod]", FIND_IN_MAP_ARGUMENTS),
                arguments("!ImportValue other", "No export named other found"),
                arguments("!Base64 [a]", "Template error: every Fn::Base64 object must have a String-typed value."),
                arguments("!Cidr ['10.0.0.0/24', 5, 7]", "Template error: Fn::Cidr 10.0.0.0/24 holds fewer than 5 subnets of /25"),
                arguments("!Cidr ['10.0.0.0/24', 1, 9]", "Template error: Fn::Cidr cidrBits 9 does not fit in 10.0.0.0/24"),
                arguments("!Cidr ['10.0.0.300/24', 1, 8]", "Template error: Fn::Cidr '10.0.0.300/24' is not a CIDR block"),
                arguments("!Cidr ['cafe/16', 1, 8]", "Template error: Fn::Cidr 'cafe/16' is not a CIDR block"),
                arguments("!Cidr ['10.0.0.0/16', 0, 8]", "Template error: Fn::Cidr count must be between 1 and 256"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void failuresUseCloudFormationWording(String expression, String message) {
        assertThatThrownBy(() -> eval(expression)).isInstanceOf(TemplateException.class).hasMessage(message);
    }
}
