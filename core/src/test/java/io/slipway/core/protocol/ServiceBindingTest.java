package io.slipway.core.protocol;

import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.model.codedeploycommands.CodeDeployCommandsModel;
import io.slipway.model.runtime.Operation;
import io.slipway.model.runtime.OperationDispatcher;
import io.slipway.model.runtime.RequestContext;
import io.slipway.model.runtime.ServiceModel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One service served under two identities on the wire: both reach the same handler, each by its own target and signing name. */
class ServiceBindingTest {
    private static final RequestContext CONTEXT = new RequestContext("req-1", "123456789012", "us-east-1",
            "codedeploy-commands-secure", "AKIDEXAMPLE", Instant.EPOCH);

    private final List<String> dispatched = new ArrayList<>();
    private final ServiceBinding classic = new ServiceBinding(new OperationDispatcher() {
        @Override
        public ServiceModel model() {
            return CodeDeployCommandsModel.MODEL;
        }

        @Override
        public Map<String, Object> dispatch(Operation operation, Map<String, Object> input, RequestContext context) {
            dispatched.add(operation.name() + " " + input);
            return Map.of();
        }
    });
    private final ServiceBinding secure = classic.presentedAs("CodeDeployCommandService", "2019-11-11",
            "codedeploy-commands-secure");
    private final AwsJsonProtocol protocol = new AwsJsonProtocol("1.1", List.of(classic, secure));

    private HttpResponse send(String target, String body) {
        return protocol.handle(new HttpRequest("POST", "/", null, Map.of("x-amz-target", target,
                "content-type", "application/x-amz-json-1.1"), body.getBytes(StandardCharsets.UTF_8)), CONTEXT).response();
    }

    @Test
    void thePresentedModelKeepsTheOperationsShapesAndServiceIdUnderItsOwnIdentity() {
        ServiceModel model = secure.model();
        assertThat(model.targetPrefix()).isEqualTo("CodeDeployCommandService");
        assertThat(model.apiVersion()).isEqualTo("2019-11-11");
        assertThat(model.signingName()).isEqualTo("codedeploy-commands-secure");
        assertThat(model.serviceId()).isEqualTo(classic.model().serviceId());
        assertThat(model.operations()).containsExactlyInAnyOrderElementsOf(classic.model().operations());
        assertThat(model.shape("HostCommandInstance")).isSameAs(classic.model().shape("HostCommandInstance"));
        assertThat(classic.model().targetPrefix()).as("the original is untouched").isEqualTo("CodeDeployCommandService_v20141006");
    }

    @Test
    void bothTargetsReachTheSameHandlerAndBothSigningNamesAreServed() {
        assertThat(send("CodeDeployCommandService.PollHostCommand", "{\"HostIdentifier\":\"h\"}").status()).isEqualTo(200);
        assertThat(send("CodeDeployCommandService_v20141006.PollHostCommand", "{\"HostIdentifier\":\"h\"}").status())
                .isEqualTo(200);
        assertThat(dispatched).containsExactly("PollHostCommand {HostIdentifier=h}", "PollHostCommand {HostIdentifier=h}");
        assertThat(protocol.serves("codedeploy-commands-secure")).isTrue();
        assertThat(protocol.serves("codedeploy-commands")).isTrue();
    }

    @Test
    void anOperationTheServiceLacksIsUnknownUnderEitherPrefix() {
        HttpResponse r = send("CodeDeployCommandService.DeleteHost", "{}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("UnknownOperationException");
        assertThat(dispatched).isEmpty();
    }
}
