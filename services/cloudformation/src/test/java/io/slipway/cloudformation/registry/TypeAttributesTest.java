package io.slipway.cloudformation.registry;

import io.slipway.cloudformation.template.AttributeReferences;
import io.slipway.cloudformation.template.Template;
import io.slipway.cloudformation.template.TemplateException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TypeAttributesTest {

    private static void check(String yaml) {
        AttributeReferences.check(Template.parse(yaml), TypeAttributes::supports);
    }

    @Test
    void aRegistryTypeHasTheSpecificationsAttributesOnly() {
        assertThat(TypeAttributes.supports("AWS::SQS::Queue", "Arn")).isTrue();
        assertThat(TypeAttributes.supports("AWS::SQS::Queue", "QueueUrl")).isTrue();
        assertThat(TypeAttributes.supports("AWS::RDS::DBCluster", "Endpoint.Address")).isTrue();
        assertThat(TypeAttributes.supports("AWS::SQS::Queue", "Bogus")).isFalse();
        assertThat(TypeAttributes.supports("AWS::SQS::Queue", "arn")).isFalse();
        // a property is not an attribute unless the specification says so
        assertThat(TypeAttributes.supports("AWS::SQS::Queue", "DelaySeconds")).isFalse();
    }

    @Test
    void customResourcesTakeAnyNameNestedStacksTheirOutputsAndCdkMetadataNone() {
        assertThat(TypeAttributes.supports("Custom::Anything", "Whatever.You.Like")).isTrue();
        assertThat(TypeAttributes.supports("AWS::CloudFormation::CustomResource", "Secret")).isTrue();
        assertThat(TypeAttributes.supports("AWS::CloudFormation::Stack", "Outputs.BucketName")).isTrue();
        assertThat(TypeAttributes.supports("AWS::CloudFormation::Stack", "StackId")).isTrue();
        assertThat(TypeAttributes.supports("AWS::CloudFormation::Stack", "Outputs.")).isFalse();
        assertThat(TypeAttributes.supports("AWS::CloudFormation::Stack", "BucketName")).isFalse();
        assertThat(TypeAttributes.supports("AWS::CDK::Metadata", "Analytics")).isFalse();
    }

    @Test
    void everyWayOfReadingAnAttributeIsChecked() {
        String head = """
                Resources:
                  Queue: {Type: AWS::SQS::Queue}
                  Topic:
                    Type: AWS::SNS::Topic
                    Properties:
                """;
        assertThatCode(() -> check(head + "      TopicName: !GetAtt Queue.QueueName\n")).doesNotThrowAnyException();
        assertThatThrownBy(() -> check(head + "      TopicName: !GetAtt Queue.Name\n"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("Template error: resource Queue does not support attribute type Name in Fn::GetAtt");
        assertThatThrownBy(() -> check(head + "      TopicName: {'Fn::GetAtt': [Queue, Url]}\n"))
                .hasMessage("Template error: resource Queue does not support attribute type Url in Fn::GetAtt");
        assertThatThrownBy(() -> check(head + "      TopicName: !Sub '${Queue.Name}-${Queue.Arn}'\n"))
                .hasMessage("Template error: resource Queue does not support attribute type Name in Fn::GetAtt");
        assertThatThrownBy(() -> check(head + "      Tags: [{Key: k, Value: !Join ['', [!If [C, !GetAtt Queue.Nope, x]]]}]\n"))
                .hasMessage("Template error: resource Queue does not support attribute type Nope in Fn::GetAtt");
        // a Sub variable the function defines itself is not an attribute
        assertThatCode(() -> check(head + "      TopicName: !Sub ['${Queue.Name}', {Queue.Name: x}]\n")).doesNotThrowAnyException();
        assertThatThrownBy(() -> check("""
                Resources:
                  Queue: {Type: AWS::SQS::Queue}
                Outputs:
                  Out: {Value: !GetAtt Queue.Endpoint}
                """)).hasMessage("Template error: resource Queue does not support attribute type Endpoint in Fn::GetAtt");
        assertThatThrownBy(() -> check("""
                Resources:
                  Queue: {Type: AWS::SQS::Queue}
                Outputs:
                  Out: {Value: x, Export: {Name: !GetAtt Queue.Endpoint}}
                """)).hasMessage("Template error: resource Queue does not support attribute type Endpoint in Fn::GetAtt");
    }
}
