package io.slipway.cloudformation.template.serverless;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which expander runs each SAM resource type: the one table the transform dispatches through. A type
 * SAM defines whose expander is not registered here is refused in SAM's words; a type SAM does not
 * define is left for CloudFormation to refuse as an unrecognized resource type.
 */
public final class ServerlessTypes {
    public static final String FUNCTION = "AWS::Serverless::Function";
    public static final String LAYER_VERSION = "AWS::Serverless::LayerVersion";
    public static final String SIMPLE_TABLE = "AWS::Serverless::SimpleTable";
    public static final String API = "AWS::Serverless::Api";
    public static final String HTTP_API = "AWS::Serverless::HttpApi";
    public static final String APPLICATION = "AWS::Serverless::Application";

    /** Every type SAM defines, in the order SAM expands them: functions first (their events change APIs), then APIs. */
    static final List<String> SAM_TYPES = List.of(FUNCTION, "AWS::Serverless::StateMachine", API, HTTP_API,
            "AWS::Serverless::WebSocketApi", SIMPLE_TABLE, LAYER_VERSION, APPLICATION, "AWS::Serverless::GraphQLApi",
            "AWS::Serverless::CapacityProvider", "AWS::Serverless::Connector");

    private ServerlessTypes() {
    }

    /**
     * The expanders of one run of the transform.
     *
     * @param deployments the run's deployment preferences, which functions add to
     */
    static Map<String, ResourceExpander> table(DeploymentPreferences deployments) {
        Map<String, ResourceExpander> table = new LinkedHashMap<>();
        for (String type : SAM_TYPES) {
            table.put(type, notExpanded(type));
        }
        table.put(FUNCTION, new FunctionExpander(deployments));
        table.put(LAYER_VERSION, new LayerVersionExpander());
        table.put(SIMPLE_TABLE, SimpleTables.EXPANDER);
        table.put(API, Apis.EXPANDER);
        table.put(HTTP_API, HttpApis.EXPANDER);
        table.put(APPLICATION, Applications.EXPANDER);
        return table;
    }

    /** A SAM type Slipway does not expand: the resource is refused, naming its type. */
    private static ResourceExpander notExpanded(String type) {
        return (resource, out) -> {
            throw ServerlessErrors.invalidResource(resource.logicalId(), "Resource type " + type
                    + " is not supported by Slipway's SAM transform.");
        };
    }
}
