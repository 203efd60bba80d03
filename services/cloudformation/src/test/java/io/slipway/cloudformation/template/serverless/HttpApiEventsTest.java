package io.slipway.cloudformation.template.serverless;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HttpApi events and AWS::Serverless::HttpApi, checked against SAM's translator on the same templates. */
class HttpApiEventsTest {

    @Test
    void implicitHttpApiHasEveryRouteAndOnePermissionPerFunctionWithADefaultRoute() {
        Map<String, Object> out = SamTemplates.expand("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Root: {Type: HttpApi}
                        Item: {Type: HttpApi, Properties: {Path: '/items/{id}', Method: GET}}
                  Other:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Put: {Type: HttpApi, Properties: {Path: '/items/{id}', Method: put, TimeoutInMillis: 5000}}
                """);
        assertThat(SamTemplates.properties(out, "ServerlessHttpApiApiGatewayDefaultStage")).isEqualTo(Map.of(
                "ApiId", Map.of("Ref", "ServerlessHttpApi"), "AutoDeploy", true, "StageName", "$default",
                "Tags", Map.of("httpapi:createdBy", "SAM")));
        // the $default route already lets API Gateway invoke Fn for every route
        assertThat(out).containsKeys("FnRootPermission", "OtherPutPermission").doesNotContainKey("FnItemPermission");
        assertThat(SamTemplates.properties(out, "OtherPutPermission").get("SourceArn")).isEqualTo(Map.of("Fn::Sub", List.of(
                "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/PUT/items/*",
                Map.of("__ApiId__", Map.of("Ref", "ServerlessHttpApi"), "__Stage__", "*"))));
        Map<String, Object> parameters = Map.of("in", "path", "name", "id", "required", true);
        Map<String, Object> body = Map.of(
                "openapi", "3.0.1", "info", Map.of("version", "1.0", "title", Map.of("Ref", "AWS::StackName")),
                "tags", List.of(Map.of("name", "httpapi:createdBy", "x-amazon-apigateway-tag-value", "SAM")),
                "paths", Map.of(
                        "$default", Map.of("x-amazon-apigateway-any-method", Map.of("isDefaultRoute", true, "responses", Map.of(),
                                "x-amazon-apigateway-integration", integration("Fn", Map.of()))),
                        "/items/{id}", Map.of(
                                "get", Map.of("parameters", List.of(parameters), "responses", Map.of(),
                                        "x-amazon-apigateway-integration", integration("Fn", Map.of())),
                                "put", Map.of("parameters", List.of(parameters), "responses", Map.of(),
                                        "x-amazon-apigateway-integration", integration("Other", Map.of("timeoutInMillis", 5000))))));
        assertThat(SamTemplates.properties(out, "ServerlessHttpApi")).isEqualTo(Map.of("Body", body));
    }

    @Test
    void anExplicitHttpApiTakesItsStageNameAndName() {
        Map<String, Object> out = SamTemplates.expand("""
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties: {StageName: prod, Name: orders}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Get: {Type: HttpApi, Properties: {ApiId: {Ref: Api}, Path: /orders, Method: get}}
                """);
        assertThat(out).containsKeys("Api", "ApiprodStage", "FnGetPermission").doesNotContainKey("ServerlessHttpApi");
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) ((Map<String, Object>) SamTemplates.properties(out, "Api").get("Body")).get("info");
        assertThat(info).containsEntry("title", "orders");
    }

    @Test
    void refusesWhatSamRefuses() {
        assertThatThrownBy(() -> SamTemplates.expand(SamTemplates.function("A: {Type: HttpApi}", "B: {Type: HttpApi}"))).hasMessageEndingWith("Event with id [B] is invalid. API method 'x-amazon-apigateway-any-method' "
                + "defined multiple times for path '$default'.");
        assertThatThrownBy(() -> SamTemplates.expand(SamTemplates.function("A: {Type: HttpApi, Properties: {ApiId: {Ref: Nope}}}"))).hasMessageEndingWith("Event with id [A] is invalid. ApiId must be a valid reference to an "
                + "'AWS::Serverless::HttpApi' resource in same template.");
    }

    private static Map<String, Object> integration(String function, Map<String, Object> extra) {
        Map<String, Object> integration = new java.util.LinkedHashMap<>(Map.of("httpMethod", "POST", "payloadFormatVersion", "2.0",
                "type", "aws_proxy", "uri", Map.of("Fn::Sub",
                        "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${" + function + ".Arn}/invocations")));
        integration.putAll(extra);
        return integration;
    }
}
