package io.slipway.codedeploy.deployment;

import io.slipway.model.codedeploy.ComputePlatform;
import io.slipway.model.runtime.AwsException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppSpecParserTest {

    @Test
    void readsLambdaYamlWithAnyKeyCase() {
        AppSpec spec = AppSpecParser.parse("""
                version: 0.0
                resources:
                  - fn:
                      type: AWS::Lambda::Function
                      properties:
                        name: checkout
                        alias: live
                        currentversion: 3
                        targetversion: "4"
                hooks:
                  - beforeallowtraffic: pre
                  - AfterAllowTraffic: arn:aws:lambda:us-east-1:000000000000:function:post
                """, ComputePlatform.LAMBDA);
        assertThat(spec).isEqualTo(new AppSpec.Lambda("checkout", "live", "3", "4", java.util.Map.of(
                "BeforeAllowTraffic", "pre", "AfterAllowTraffic", "arn:aws:lambda:us-east-1:000000000000:function:post")));
    }

    @Test
    void readsEcsJson() {
        AppSpec spec = AppSpecParser.parse("{\"version\":\"0.0\",\"Resources\":[{\"svc\":{\"Type\":\"AWS::ECS::Service\","
                + "\"Properties\":{\"TaskDefinition\":\"td:1\",\"LoadBalancerInfo\":{\"ContainerName\":\"web\","
                + "\"ContainerPort\":80}}}}],\"Hooks\":[{\"AfterAllowTestTraffic\":\"smoke\"}]}", ComputePlatform.ECS);
        assertThat(spec).isEqualTo(new AppSpec.Ecs("td:1", "web", 80, java.util.Map.of("AfterAllowTestTraffic", "smoke")));
    }

    @Test
    void everyProblemIsAnInvalidRevision() {
        String lambda = "version: 0.0\nResources:\n  - f:\n      Type: AWS::Lambda::Function\n      Properties:\n"
                + "        Name: fn\n        Alias: live\n        CurrentVersion: 1\n        TargetVersion: 2\n";
        for (String bad : new String[] {"", "[1, 2]", "version: 1.0", lambda.replace("0.0", "0.1"),
                lambda.replace("AWS::Lambda::Function", "AWS::ECS::Service"), lambda.replace("TargetVersion: 2", "TargetVersion: 0"),
                lambda.replace("        Alias: live\n", ""), lambda + "Hooks:\n  - Install: x\n",
                lambda + "Hooks:\n  - BeforeAllowTraffic: a\n  - BeforeAllowTraffic: b\n",
                lambda + "Resources: []\n", "a: &a [*a, *a]\nb: *a\n"}) {
            assertThatThrownBy(() -> AppSpecParser.parse(bad, ComputePlatform.LAMBDA)).as(bad)
                    .isInstanceOf(AwsException.class)
                    .satisfies(e -> assertThat(((AwsException) e).error().type()).isEqualTo("InvalidRevisionException"));
        }
    }
}
