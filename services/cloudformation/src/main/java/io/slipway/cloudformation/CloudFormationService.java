package io.slipway.cloudformation;

import io.slipway.cloudformation.template.SsmParameters;
import io.slipway.cloudformation.template.TemplateObjects;
import io.slipway.cloudformation.stack.TemplateBodies;
import io.slipway.core.admin.AdminEndpoint;
import io.slipway.engine.presign.PresignedUrls;
import io.slipway.cloudformation.custom.CustomResourceResponses;
import io.slipway.cloudformation.custom.CustomResources;
import io.slipway.cloudformation.hooks.HookFunctions;
import io.slipway.cloudformation.hooks.HookInvocations;
import io.slipway.cloudformation.hooks.HookResults;
import io.slipway.cloudformation.hooks.HookTypes;
import io.slipway.cloudformation.registry.RecordedProvider;
import io.slipway.cloudformation.registry.ValidatedProvider;
import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceProvider;
import io.slipway.cloudformation.resource.ResourceProviders;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.cloudformation.stack.HookedStacks;
import io.slipway.cloudformation.stack.StackApi;
import io.slipway.cloudformation.stack.StackService;
import io.slipway.cloudformation.store.CloudFormationStore;
import io.slipway.core.protocol.ServiceBinding;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Jdbc;
import io.slipway.engine.store.ResourceStore;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.Workers;
import io.slipway.model.cloudformation.CloudFormationDispatcher;

import io.slipway.core.http.HttpResponse;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * CloudFormation assembled: the API binding, the stack engine's work on the workers, and the
 * admin endpoints that serve hook payloads and take custom resources' responses. {@code providers}
 * are the resource types other services back; the Lambda hook resource and custom resources are
 * CloudFormation's own and are added here.
 */
public record CloudFormationService(ServiceBinding binding, Map<String, AdminEndpoint> adminEndpoints) {

    public static CloudFormationService create(Jdbc jdbc, ResourceStore resources, WorkQueue queue, Workers workers,
                                               SlipwayClock clock, IdGenerator ids, ResourceProviders providers,
                                               HookFunctions functions, Supplier<String> endpoint, PresignedUrls urls) {
        return create(jdbc, resources, queue, workers, clock, ids, providers, functions, endpoint, urls, SsmParameters.NONE);
    }

    /** @param ssm the Systems Manager parameters that template parameters and dynamic references read */
    public static CloudFormationService create(Jdbc jdbc, ResourceStore resources, WorkQueue queue, Workers workers,
                                               SlipwayClock clock, IdGenerator ids, ResourceProviders providers,
                                               HookFunctions functions, Supplier<String> endpoint, PresignedUrls urls,
                                               SsmParameters ssm) {
        return create(jdbc, resources, queue, workers, clock, ids, providers, functions, endpoint, urls, ssm,
                TemplateObjects.NONE);
    }

    /** @param templates the S3 objects that TemplateURLs name */
    public static CloudFormationService create(Jdbc jdbc, ResourceStore resources, WorkQueue queue, Workers workers,
                                               SlipwayClock clock, IdGenerator ids, ResourceProviders providers,
                                               HookFunctions functions, Supplier<String> endpoint, PresignedUrls urls,
                                               SsmParameters ssm, TemplateObjects templates) {
        CloudFormationStore store = new CloudFormationStore(jdbc, resources);
        HookTypes hookTypes = new HookTypes(jdbc, resources, clock);
        HookInvocations invocations = new HookInvocations(jdbc, resources, clock, ids, hookTypes, functions, endpoint, urls);
        Map<String, ResourceProvider> byType = new HashMap<>();
        providers.types().forEach(t -> byType.put(t, providers.find(t).orElseThrow()));
        byType.put("AWS::CloudFormation::LambdaHook", new LambdaHookProvider(hookTypes));
        // the types Slipway runs accept every property the specification allows, validated the same way
        byType.replaceAll((type, provider) -> new ValidatedProvider(provider));
        // a custom resource takes any properties: they are its function's to judge
        CustomResourceResponses responses = new CustomResourceResponses(jdbc, resources, queue, clock, endpoint, urls);
        byType.put(CustomResources.TYPE, new CustomResources(functions, responses, clock));
        // every registry type Slipway does not run is recorded
        ResourceProviders all = new ResourceProviders(byType, Optional.of(new RecordedProvider()), RecordedProvider::records);
        StackApi stacks = StackService.create(store, queue, workers, clock, ids, all,
                new HookedStacks(invocations), ssm, new TemplateBodies(templates, endpoint));
        CloudFormationApi api = new CloudFormationApi(new HookResults(resources), hookTypes, stacks);
        return new CloudFormationService(new ServiceBinding(new CloudFormationDispatcher(api)),
                Map.of(HookInvocations.PAYLOAD_PATH, invocations.payloadEndpoint(), CustomResourceResponses.PATH, responses,
                        RESOURCE_TYPES_PATH, resourceTypes(byType.keySet())));
    }

    /** Where the console learns which resource types Slipway runs; every other type is recorded. */
    public static final String RESOURCE_TYPES_PATH = "/_slipway/cloudformation/resource-types";

    private static AdminEndpoint resourceTypes(Set<String> runs) {
        byte[] body = ("{\"runs\":[" + runs.stream().sorted().map(t -> "\"" + t + "\"")
                .collect(Collectors.joining(",")) + "]}").getBytes(StandardCharsets.UTF_8);
        return (request, context) -> HttpResponse.of(200, "application/json", body);
    }

    /** {@code AWS::CloudFormation::LambdaHook}: the stack activates a hook and configures it. */
    private record LambdaHookProvider(HookTypes hookTypes) implements ResourceProvider {
        @Override
        public Provisioned create(ResourceRequest request) {
            return hookTypes.activateFromTemplate(request.ns(), request.properties());
        }

        @Override
        public Provisioned update(ResourceRequest request, Provisioned current) {
            // a new Alias is a new type ARN: the engine retires the old activation after the update
            return hookTypes.activateFromTemplate(request.ns(), request.properties());
        }

        @Override
        public void delete(ResourceRequest request, Provisioned current) {
            hookTypes.deactivateFromTemplate(request.ns(), current.physicalId());
        }
    }
}
