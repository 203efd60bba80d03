package io.slipway.cloudformation.template.serverless;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
}
