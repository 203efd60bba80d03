package io.slipway.codedeploy.store;

import io.slipway.core.codec.DocumentType;
import io.slipway.engine.store.DocumentStore;
import io.slipway.engine.store.Jdbc;
import io.slipway.engine.store.ResourceStore;
import io.slipway.model.codedeploy.ApplicationInfo;
import io.slipway.model.codedeploy.CodeDeployModel;
import io.slipway.model.codedeploy.DeploymentConfigInfo;
import io.slipway.model.codedeploy.DeploymentGroupInfo;
import io.slipway.model.codedeploy.DeploymentInfo;
import io.slipway.model.codedeploy.DeploymentTarget;
import io.slipway.model.codedeploy.InstanceInfo;
import io.slipway.model.codedeploy.LastDeploymentInfo;
import io.slipway.model.codedeploy.ListTagsForResourceOutput;
import io.slipway.model.codedeploy.RevisionInfo;


/**
 * CodeDeploy's resources in the shared store. Keys: applications by name; deployment configs by
 * name; deployment groups by (application id, group name) so that renaming an application moves
 * nothing; tags by the tagged resource's id, so that renames keep them; on-premises instances by
 * name; application revisions under their application's id.
 */
public final class CodeDeployStore extends DocumentStore {
    public static final DocumentType<ApplicationInfo> APPLICATION = new DocumentType<>("codedeploy.application",
            CodeDeployModel.MODEL.shape("ApplicationInfo"), ApplicationInfo::fromDocument);
    public static final DocumentType<DeploymentConfigInfo> DEPLOYMENT_CONFIG = new DocumentType<>(
            "codedeploy.deployment-config", CodeDeployModel.MODEL.shape("DeploymentConfigInfo"),
            DeploymentConfigInfo::fromDocument);
    public static final DocumentType<DeploymentGroupInfo> DEPLOYMENT_GROUP = new DocumentType<>(
            "codedeploy.deployment-group", CodeDeployModel.MODEL.shape("DeploymentGroupInfo"),
            DeploymentGroupInfo::fromDocument);
    public static final DocumentType<DeploymentInfo> DEPLOYMENT = new DocumentType<>("codedeploy.deployment",
            CodeDeployModel.MODEL.shape("DeploymentInfo"), DeploymentInfo::fromDocument);
    /** A deployment's target (one for Lambda and ECS), stored under the deployment's id. */
    public static final DocumentType<DeploymentTarget> DEPLOYMENT_TARGET = new DocumentType<>(
            "codedeploy.deployment-target", CodeDeployModel.MODEL.shape("DeploymentTarget"), DeploymentTarget::fromDocument);
    /**
     * The one deployment a group may have in progress, keyed by the group's id: inserting it in the
     * same transaction as the deployment makes a second concurrent deployment a duplicate key.
     */
    public static final DocumentType<LastDeploymentInfo> ACTIVE_DEPLOYMENT = new DocumentType<>(
            "codedeploy.active-deployment", CodeDeployModel.MODEL.shape("LastDeploymentInfo"), LastDeploymentInfo::fromDocument);
    /** Tags of one resource, kept in the shape ListTagsForResource answers with. */
    public static final DocumentType<ListTagsForResourceOutput> TAGS = new DocumentType<>("codedeploy.tags",
            CodeDeployModel.MODEL.shape("ListTagsForResourceOutput"), ListTagsForResourceOutput::fromDocument);

    /** On-premises instances by name; a deregistered one stays, with its deregisterTime, as in AWS. */
    public static final DocumentType<InstanceInfo> ON_PREMISES_INSTANCE = new DocumentType<>(
            "codedeploy.on-premises-instance", CodeDeployModel.MODEL.shape("InstanceInfo"), InstanceInfo::fromDocument);
    /**
     * Which registered instance an IAM user or session ARN belongs to, keyed by the ARN: an
     * InstanceInfo holding the instance's name and that ARN. Written in the registration's
     * transaction, so a second registration of the same ARN is a duplicate key.
     */
    public static final DocumentType<InstanceInfo> ON_PREMISES_IAM_ARN = new DocumentType<>(
            "codedeploy.on-premises-iam-arn", CodeDeployModel.MODEL.shape("InstanceInfo"), InstanceInfo::fromDocument);
    /** Application revisions under their application's id, keyed by (application id, revision identity). */
    public static final DocumentType<RevisionInfo> APPLICATION_REVISION = new DocumentType<>(
            "codedeploy.application-revision", CodeDeployModel.MODEL.shape("RevisionInfo"), RevisionInfo::fromDocument);

    public CodeDeployStore(Jdbc jdbc, ResourceStore resources) {
        super(jdbc, resources);
    }
}
