package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionCategory;
import software.amazon.awssdk.services.codepipeline.model.InvalidArnException;
import software.amazon.awssdk.services.codepipeline.model.InvalidNextTokenException;
import software.amazon.awssdk.services.codepipeline.model.InvalidTagsException;
import software.amazon.awssdk.services.codepipeline.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.codepipeline.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.Tag;
import software.amazon.awssdk.services.codepipeline.model.TooManyTagsException;
import software.amazon.awssdk.services.codepipeline.model.ValidationException;

import java.util.List;
import java.util.stream.IntStream;

import static io.slipway.it.PipelineFixtures.rejects;
import static io.slipway.it.PipelineFixtures.sourceAndDeploy;
import static org.assertj.core.api.Assertions.assertThat;

/** Tags of pipelines and custom action types by ARN, through the SDK. */
class CodePipelineTagsIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final CodePipelineClient cp = slipway.codePipeline();
    private static final String ARN = "arn:aws:codepipeline:us-east-1:000000000000:";

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private List<Tag> tags(String arn) {
        return cp.listTagsForResource(r -> r.resourceArn(arn)).tags();
    }

    @Test
    void pipelineTagsFromCreateToDelete() {
        cp.createPipeline(r -> r.pipeline(sourceAndDeploy("tagged")).tags(tag("team", "web")));
        assertThat(tags(ARN + "tagged")).containsExactly(tag("team", "web"));
        cp.tagResource(r -> r.resourceArn(ARN + "tagged").tags(tag("team", "api"), tag("env", "dev")));
        assertThat(tags(ARN + "tagged")).containsExactly(tag("team", "api"), tag("env", "dev"));
        cp.untagResource(r -> r.resourceArn(ARN + "tagged").tagKeys("team", "absent"));
        assertThat(tags(ARN + "tagged")).containsExactly(tag("env", "dev"));
        // an update keeps the tags
        cp.updatePipeline(r -> r.pipeline(sourceAndDeploy("tagged")));
        assertThat(tags(ARN + "tagged")).containsExactly(tag("env", "dev"));

        cp.deletePipeline(r -> r.name("tagged"));
        rejects(ResourceNotFoundException.class, "tagged", () -> tags(ARN + "tagged"));
        rejects(ResourceNotFoundException.class, "tagged",
                () -> cp.tagResource(r -> r.resourceArn(ARN + "tagged").tags(tag("a", "b"))));
        cp.createPipeline(r -> r.pipeline(sourceAndDeploy("tagged")));
        assertThat(tags(ARN + "tagged")).isEmpty();
    }

    @Test
    void fiftyTagsAtMostAndNoSystemTags() {
        cp.createPipeline(r -> r.pipeline(sourceAndDeploy("limits")));
        List<Tag> fifty = IntStream.range(0, 50).mapToObj(i -> tag("k" + i, "v")).toList();
        cp.tagResource(r -> r.resourceArn(ARN + "limits").tags(fifty));
        cp.tagResource(r -> r.resourceArn(ARN + "limits").tags(tag("k0", "replaced")));
        rejects(TooManyTagsException.class, "Tag limit exceeded for resource [" + ARN + "limits]",
                () -> cp.tagResource(r -> r.resourceArn(ARN + "limits").tags(tag("k50", "v"))));
        rejects(InvalidTagsException.class, "System tags start with 'aws:'",
                () -> cp.tagResource(r -> r.resourceArn(ARN + "limits").tags(tag("aws:cloudformation:stack-name", "x"))));
        rejects(ValidationException.class, "tags", () -> cp.tagResource(r -> r.resourceArn(ARN + "limits").tags(tag("k".repeat(129), "v"))));
        assertThat(tags(ARN + "limits")).hasSize(50).first().isEqualTo(tag("k0", "replaced"));

        ListTagsForResourceResponse page = cp.listTagsForResource(r -> r.resourceArn(ARN + "limits").maxResults(20));
        assertThat(page.tags()).hasSize(20);
        ListTagsForResourceResponse rest = cp.listTagsForResource(r -> r.resourceArn(ARN + "limits").maxResults(100)
                .nextToken(page.nextToken()));
        assertThat(rest.tags()).hasSize(30).first().isEqualTo(tag("k20", "v"));
        assertThat(rest.nextToken()).isNull();
        assertThat(cp.listTagsForResourcePaginator(r -> r.resourceArn(ARN + "limits").maxResults(7)).tags().stream().count())
                .isEqualTo(50);
        rejects(InvalidNextTokenException.class, "token",
                () -> cp.listTagsForResource(r -> r.resourceArn(ARN + "limits").nextToken("bogus")));
    }

    @Test
    void customActionTypeTags() {
        String arn = ARN + "actiontype:Custom/Build/TaggedCi/1";
        cp.createCustomActionType(ActionTypesIT.jenkins("TaggedCi", "1").andThen(r -> r.tags(tag("owner", "ci"))));
        assertThat(tags(arn)).containsExactly(tag("owner", "ci"));
        cp.tagResource(r -> r.resourceArn(arn).tags(tag("tier", "1")));
        assertThat(tags(arn)).containsExactly(tag("owner", "ci"), tag("tier", "1"));
        cp.deleteCustomActionType(r -> r.category(ActionCategory.BUILD).provider("TaggedCi").version("1"));
        rejects(ResourceNotFoundException.class, "TaggedCi", () -> tags(arn));
    }

    @Test
    void arnsThatNameNothing() {
        rejects(ValidationException.class, "resourceArn", () -> tags("not-an-arn"));
        rejects(ValidationException.class, "resourceArn", () -> tags("arn:aws:s3:::bucket"));
        rejects(InvalidArnException.class, "not a valid action type ARN", () -> tags(ARN + "actiontype:Build/Jenkins/1"));
        rejects(InvalidArnException.class, "does not name a pipeline", () -> tags(ARN + "stage:Source"));
        rejects(ResourceNotFoundException.class, "ghost", () -> tags(ARN + "ghost"));
        rejects(ResourceNotFoundException.class, "webhook", () -> tags(ARN + "webhook:ghost"));
        rejects(ResourceNotFoundException.class, "Custom/Build/Ghost/1", () -> tags(ARN + "actiontype:Custom/Build/Ghost/1"));
        // another account's or region's pipeline does not exist for the caller
        cp.createPipeline(r -> r.pipeline(sourceAndDeploy("mine")));
        rejects(ResourceNotFoundException.class, "mine",
                () -> tags("arn:aws:codepipeline:us-east-1:111111111111:mine"));
        rejects(ResourceNotFoundException.class, "mine",
                () -> tags("arn:aws:codepipeline:eu-west-1:000000000000:mine"));
    }
}
