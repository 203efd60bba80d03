package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.ApplicationDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.ArnNotSupportedException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.InvalidArnException;
import software.amazon.awssdk.services.codedeploy.model.InvalidTagsToAddException;
import software.amazon.awssdk.services.codedeploy.model.ResourceArnRequiredException;
import software.amazon.awssdk.services.codedeploy.model.Tag;
import software.amazon.awssdk.services.codedeploy.model.TagRequiredException;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TagsIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final CodeDeployClient cd = slipway.codeDeploy();
    private static final String APP_ARN = "arn:aws:codedeploy:us-east-1:000000000000:application:tagged";

    private static Tag tag(String k, String v) {
        return Tag.builder().key(k).value(v).build();
    }

    @Test
    void tagsOnApplicationsAndGroupsSurviveRenames() {
        cd.createApplication(r -> r.applicationName("tagged").tags(tag("team", "web")));
        assertThat(cd.listTagsForResource(r -> r.resourceArn(APP_ARN)).tags()).containsExactly(tag("team", "web"));
        cd.tagResource(r -> r.resourceArn(APP_ARN).tags(tag("team", "api"), tag("env", "dev")));
        assertThat(cd.listTagsForResource(r -> r.resourceArn(APP_ARN)).tags())
                .containsExactly(tag("team", "api"), tag("env", "dev"));
        cd.untagResource(r -> r.resourceArn(APP_ARN).tagKeys("team", "absent"));
        assertThat(cd.listTagsForResource(r -> r.resourceArn(APP_ARN)).tags()).containsExactly(tag("env", "dev"));

        cd.createDeploymentGroup(r -> r.applicationName("tagged").deploymentGroupName("dg")
                .serviceRoleArn("arn:aws:iam::000000000000:role/cd").tags(tag("tier", "1")));
        String groupArn = "arn:aws:codedeploy:us-east-1:000000000000:deploymentgroup:tagged/dg";
        assertThat(cd.listTagsForResource(r -> r.resourceArn(groupArn)).tags()).containsExactly(tag("tier", "1"));

        cd.updateApplication(r -> r.applicationName("tagged").newApplicationName("renamed"));
        assertThat(cd.listTagsForResource(r -> r.resourceArn(
                "arn:aws:codedeploy:us-east-1:000000000000:application:renamed")).tags()).containsExactly(tag("env", "dev"));
        assertThat(cd.listTagsForResource(r -> r.resourceArn(
                "arn:aws:codedeploy:us-east-1:000000000000:deploymentgroup:renamed/dg")).tags()).containsExactly(tag("tier", "1"));
        assertThatThrownBy(() -> cd.listTagsForResource(r -> r.resourceArn(APP_ARN)))
                .isInstanceOf(ApplicationDoesNotExistException.class);
    }

    @Test
    void badArnsAndTags() {
        cd.createApplication(r -> r.applicationName("plain"));
        String arn = "arn:aws:codedeploy:us-east-1:000000000000:application:plain";
        assertThatThrownBy(() -> cd.tagResource(r -> r.resourceArn("not an arn").tags(tag("a", "b"))))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> cd.tagResource(r -> r.resourceArn("arn:aws:s3:::bucket").tags(tag("a", "b"))))
                .isInstanceOf(ArnNotSupportedException.class);
        assertThatThrownBy(() -> cd.tagResource(r -> r.tags(tag("a", "b"))))
                .isInstanceOf(ResourceArnRequiredException.class);
        assertThatThrownBy(() -> cd.tagResource(r -> r.resourceArn(arn).tags(List.of())))
                .isInstanceOf(TagRequiredException.class);
        assertThatThrownBy(() -> cd.tagResource(r -> r.resourceArn(arn).tags(tag("aws:reserved", "x"))))
                .isInstanceOf(InvalidTagsToAddException.class);
        assertThatThrownBy(() -> cd.tagResource(r -> r.resourceArn(arn).tags(tag("k".repeat(129), "x"))))
                .isInstanceOf(InvalidTagsToAddException.class);
        List<Tag> fiftyOne = IntStream.range(0, 51).mapToObj(i -> tag("k" + i, "v")).toList();
        assertThatThrownBy(() -> cd.tagResource(r -> r.resourceArn(arn).tags(fiftyOne)))
                .isInstanceOf(InvalidTagsToAddException.class);
        assertThat(cd.listTagsForResource(r -> r.resourceArn(arn)).tags()).isEmpty();
        assertThatThrownBy(() -> cd.tagResource(r -> r.resourceArn(
                "arn:aws:codedeploy:us-east-1:000000000000:deploymentgroup:plain/ghost").tags(tag("a", "b"))))
                .isInstanceOf(DeploymentGroupDoesNotExistException.class);
        // another account's resource is not visible
        assertThatThrownBy(() -> cd.listTagsForResource(r -> r.resourceArn(
                "arn:aws:codedeploy:us-east-1:999999999999:application:plain")))
                .isInstanceOf(ApplicationDoesNotExistException.class);
    }
}
