package io.slipway.cloudformation.template.serverless;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Api events: the implicit REST API, explicit APIs, permissions and SAM's deployment hashes. */
class RestApiEventsTest {

    @Test
    void implicitApiCollectsEveryFunctionsPathsUnderSamsDeploymentHash() {
        // the template of SAM's own implicit_api test; the ids and hash are those SAM's translator writes for it
        Map<String, Object> out = SamTemplates.expand("""
                Resources:
                  RestApiFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        AddItem: {Type: Api, Properties: {Path: /add, Method: post}}
                        CompleteItem: {Type: Api, Properties: {Path: /complete, Method: POST}}
                        GetList: {Type: Api, Properties: {Path: /getlist, Method: get}}
                  GetHtmlFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        GetHtml: {Type: Api, Properties: {Path: '/{proxy+}', Method: any}}
                """);
        assertThat(out).containsKeys("ServerlessRestApi", "ServerlessRestApiDeployment127e3fb911", "ServerlessRestApiProdStage",
                "RestApiFunctionAddItemPermissionProd", "GetHtmlFunctionGetHtmlPermissionProd");
        assertThat(SamTemplates.properties(out, "ServerlessRestApiDeployment127e3fb911")).isEqualTo(Map.of(
                "Description", "RestApi deployment id: 127e3fb91142ab1ddc5f5446adb094442581a90d",
                "RestApiId", Map.of("Ref", "ServerlessRestApi"), "StageName", "Stage"));
        assertThat(SamTemplates.properties(out, "ServerlessRestApiProdStage")).isEqualTo(Map.of(
                "DeploymentId", Map.of("Ref", "ServerlessRestApiDeployment127e3fb911"),
                "RestApiId", Map.of("Ref", "ServerlessRestApi"), "StageName", "Prod"));
        assertThat(SamTemplates.properties(out, "GetHtmlFunctionGetHtmlPermissionProd")).isEqualTo(Map.of(
                "Action", "lambda:InvokeFunction", "FunctionName", Map.of("Ref", "GetHtmlFunction"),
                "Principal", "apigateway.amazonaws.com",
                "SourceArn", Map.of("Fn::Sub", List.of("arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/*/*",
                        Map.of("__ApiId__", Map.of("Ref", "ServerlessRestApi"), "__Stage__", "*")))));
    }

    @Test
    void anExplicitApiWithoutDefinitionGetsTheEventsPathsAndItsStageNamesThePermissions() {
        // expected ids and hash: SAM's translator on the same template (events pointing at the function's alias)
        Map<String, Object> out = SamTemplates.expand("""
                Resources:
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: dev
                      Variables: {Mode: test}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      AutoPublishAlias: live
                      Events:
                        Get:
                          Type: Api
                          Properties: {Path: '/items/{id}', Method: get, RestApiId: {Ref: Api}}
                        Post:
                          Type: Api
                          Properties: {Path: /items/, Method: POST, RestApiId: {Ref: Api}}
                """);
        assertThat(SamTemplates.properties(out, "ApidevStage")).isEqualTo(Map.of(
                "DeploymentId", Map.of("Ref", "ApiDeployment003c406e82"), "RestApiId", Map.of("Ref", "Api"),
                "StageName", "dev", "Variables", Map.of("Mode", "test")));
        assertThat(out).containsKey("ApiDeployment003c406e82").doesNotContainKey("ServerlessRestApi");
        Map<String, Object> uri = Map.of("Fn::Sub",
                "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${FnAliaslive}/invocations");
        assertThat(SamTemplates.properties(out, "Api").get("Body")).isEqualTo(Map.of(
                "swagger", "2.0", "info", Map.of("version", "1.0", "title", Map.of("Ref", "AWS::StackName")),
                "paths", Map.of(
                        "/items/", Map.of("post", Map.of("responses", Map.of(), "x-amazon-apigateway-integration",
                                Map.of("httpMethod", "POST", "type", "aws_proxy", "uri", uri))),
                        "/items/{id}", Map.of("get", Map.of("responses", Map.of(), "x-amazon-apigateway-integration",
                                Map.of("httpMethod", "POST", "type", "aws_proxy", "uri", uri))))));
        assertThat(SamTemplates.properties(out, "FnPostPermissiondev")).isEqualTo(Map.of(
                "Action", "lambda:InvokeFunction", "FunctionName", Map.of("Ref", "FnAliaslive"),
                "Principal", "apigateway.amazonaws.com",
                "SourceArn", Map.of("Fn::Sub", List.of("arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/POST/items",
                        Map.of("__ApiId__", Map.of("Ref", "Api"), "__Stage__", "*")))));
        assertThat(out).containsKey("FnGetPermissiondev");
    }

    @Test
    void definitionUriIsTheBodysLocationAndHashedAsSamHashesIt() {
        Map<String, Object> out = SamTemplates.expand("""
                Resources:
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: v1
                      DefinitionUri: s3://my-bucket/api/swagger.yaml?versionId=3
                """);
        assertThat(SamTemplates.properties(out, "Api")).isEqualTo(Map.of("BodyS3Location",
                Map.of("Bucket", "my-bucket", "Key", "api/swagger.yaml", "Version", "3")));
        assertThat(SamTemplates.properties(out, "ApiDeployment836ece0aef")).containsEntry("Description",
                "RestApi deployment id: 836ece0aef4d0606883279570cdd6f2412c0e7d7");
        assertThat(out).containsKey("Apiv1Stage");
    }

    @Test
    void pathOrderFollowsSamsPythonDictsAndTheImplicitApiTakesTheStrongestPolicies() {
        // two paths whose Python 2.7 hashes collide: SAM's copies of the document decide their order
        Map<String, Object> out = SamTemplates.expand("""
                Resources:
                  RestApiFunction:
                    Type: AWS::Serverless::Function
                    DeletionPolicy: Delete
                    UpdateReplacePolicy: Retain
                    Properties:
                      Events:
                        GetHtml: {Type: Api, Properties: {Path: '/{proxy+}', Method: any}}
                  GetHtmlFunction:
                    Type: AWS::Serverless::Function
                    DeletionPolicy: Retain
                    UpdateReplacePolicy: Retain
                    Properties:
                      Events:
                        GetHtml: {Type: Api, Properties: {Path: '/{proxy++}', Method: any}}
                """);
        assertThat(SamTemplates.resource(out, "ServerlessRestApiDeploymentbeaf67e605"))
                .containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
        assertThat(SamTemplates.resource(out, "ServerlessRestApi")).containsEntry("DeletionPolicy", "Retain");
    }

    @Test
    void globalsReachTheImplicitApiAndBinaryMediaTypesGoIntoItsDefinition() {
        Map<String, Object> out = SamTemplates.expand("""
                Globals:
                  Api:
                    BinaryMediaTypes: [image~1png]
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Get: {Type: Api, Properties: {Path: /img, Method: get}}
                """);
        Map<String, Object> api = SamTemplates.properties(out, "ServerlessRestApi");
        assertThat(api).containsEntry("BinaryMediaTypes", List.of("image~1png"));
        assertThat(api.get("Body")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("x-amazon-apigateway-binary-media-types", List.of("image/png"));
        assertThat(out).containsKey("ServerlessRestApiDeploymentaf1c9b7beb");
    }

    @Test
    void corsAddsPreflightMethodsAndOpenApiVersionMakesTheDefinitionOpenApi3() {
        // ids and hashes: SAM's translator on the same template
        Map<String, Object> out = SamTemplates.expand("""
                Globals:
                  Api:
                    OpenApiVersion: 3.0.1
                Resources:
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: prod
                      Cors: "'https://example.com'"
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Get: {Type: Api, Properties: {Path: /items, Method: get, RestApiId: {Ref: Api}}}
                        Any: {Type: Api, Properties: {Path: /all, Method: any}}
                """);
        assertThat(out).containsKeys("ApiDeploymentde516d6e35", "ServerlessRestApiDeployment69f590e3c0");
        assertThat(SamTemplates.properties(out, "ApiDeploymentde516d6e35")).as("no extra Stage stage with OpenApiVersion")
                .doesNotContainKey("StageName");
        Map<String, Object> string = Map.of("schema", Map.of("type", "string"));
        assertThat(SamTemplates.properties(out, "Api").get("Body")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("openapi", "3.0.1").doesNotContainKey("swagger")
                .extracting("paths").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .extracting("/items").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("options", Map.of(
                        "summary", "CORS support",
                        "responses", Map.of("200", Map.of("description", "Default response for CORS method", "headers",
                                Map.of("Access-Control-Allow-Methods", string, "Access-Control-Allow-Origin", string))),
                        "x-amazon-apigateway-integration", Map.of("type", "mock",
                                "requestTemplates", Map.of("application/json", "{\n  \"statusCode\" : 200\n}\n"),
                                "responses", Map.of("default", Map.of("statusCode", "200", "responseTemplates", Map.of("application/json", "{}\n"),
                                        "responseParameters", Map.of(
                                                "method.response.header.Access-Control-Allow-Methods", "'GET,OPTIONS'",
                                                "method.response.header.Access-Control-Allow-Origin", "'https://example.com'"))))));
    }

    @Test
    void refusesWhatSamRefuses() {
        assertThatThrownBy(() -> SamTemplates.expand(SamTemplates.function("A: {Type: Api, Properties: {Path: /add, Method: post}}", "B: {Type: Api, Properties: {Path: /add, Method: POST}}"))).hasMessageEndingWith("Resource with id [Fn] is invalid. Event with id [B] is invalid. "
                + "API method \"post\" defined multiple times for path \"/add\".");
        assertThatThrownBy(() -> SamTemplates.expand(SamTemplates.function("A: {Type: Api, Properties: {Path: /add, Method: post, RestApiId: {Ref: Nothing}}}"))).hasMessageEndingWith("Event with id [A] is invalid. RestApiId must be a valid reference to an "
                + "'AWS::Serverless::Api' resource in same template.");
        assertThatThrownBy(() -> SamTemplates.expand(SamTemplates.function("A: {Type: Api, Properties: {Method: post}}"))).hasMessageEndingWith("Event with id [A] is invalid. Property 'Path' is required.");
        assertThatThrownBy(() -> SamTemplates.expand("""
                Resources:
                  Api: {Type: AWS::Serverless::Api, Properties: {StageName: ''}}
                """)).hasMessageEndingWith("Resource with id [Api] is invalid. StageName cannot be empty.");
    }
}
