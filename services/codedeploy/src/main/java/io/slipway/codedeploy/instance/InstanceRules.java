package io.slipway.codedeploy.instance;

import io.slipway.model.codedeploy.Tag;
import io.slipway.model.runtime.AwsException;

import java.util.List;
import java.util.regex.Pattern;

import static io.slipway.model.codedeploy.CodeDeployErrors.IAM_ARN_REQUIRED;
import static io.slipway.model.codedeploy.CodeDeployErrors.INSTANCE_LIMIT_EXCEEDED;
import static io.slipway.model.codedeploy.CodeDeployErrors.INSTANCE_NAME_REQUIRED;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_IAM_SESSION_ARN;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_IAM_USER_ARN;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_INSTANCE_NAME;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_TAG;
import static io.slipway.model.codedeploy.CodeDeployErrors.MULTIPLE_IAM_ARNS_PROVIDED;
import static io.slipway.model.codedeploy.CodeDeployErrors.TAG_LIMIT_EXCEEDED;
import static io.slipway.model.codedeploy.CodeDeployErrors.TAG_REQUIRED;

/**
 * What AWS accepts as an on-premises instance name, IAM identity and tag. The model gives these
 * shapes no constraints; the numbers and patterns are the AWS CLI's own checks
 * ({@code awscli/customizations/codedeploy/utils.py}: names of at most 100 characters from
 * {@code A-Za-z0-9+=,.@_-}, not starting with {@code i-}, which EC2 instance ids own; at most 10
 * tags an instance, keys up to 128 and values up to 256 characters) and the user guide's quotas.
 * That the service enforces the same is UNVERIFIED.
 */
final class InstanceRules {
    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_TAGS_PER_INSTANCE = 10;
    /** UNVERIFIED: AWS documents no number for "instances in a single call"; BatchGet's 100 is the nearest quota. */
    static final int MAX_INSTANCES_PER_CALL = 100;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9+=,.@_-]+");
    private static final Pattern IAM_USER_ARN = Pattern.compile(
            "arn:aws(-[a-z]+)*:iam::[0-9]{12}:user/[A-Za-z0-9/+=,.@_-]+");
    private static final Pattern IAM_SESSION_ARN = Pattern.compile(
            "arn:aws(-[a-z]+)*:sts::[0-9]{12}:assumed-role/[A-Za-z0-9+=,.@_-]+/[A-Za-z0-9+=,.@_-]+");

    private InstanceRules() {
    }

    static String name(String name) {
        if (name == null || name.isEmpty()) {
            throw INSTANCE_NAME_REQUIRED.exception("An on-premises instance name is required");
        }
        if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches() || name.startsWith("i-")) {
            throw INVALID_INSTANCE_NAME.exception("The on-premises instance name " + name + " is not valid: use at most "
                    + MAX_NAME_LENGTH + " of the characters A-Z a-z 0-9 + = , . @ _ -, not starting with i-");
        }
        return name;
    }

    /** A list of names for a tagging call: at least one, each valid. */
    static List<String> names(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw INSTANCE_NAME_REQUIRED.exception("At least one on-premises instance name is required");
        }
        names.forEach(InstanceRules::name);
        return names;
    }

    static void perCall(List<String> names) {
        if (names.size() > MAX_INSTANCES_PER_CALL) {
            throw INSTANCE_LIMIT_EXCEEDED.exception("At most " + MAX_INSTANCES_PER_CALL
                    + " on-premises instances can be given in one call");
        }
    }

    /** The one IAM identity a registration names: exactly one of a session ARN and a user ARN, well formed. */
    static String iamArn(String sessionArn, String userArn) {
        boolean session = sessionArn != null && !sessionArn.isEmpty();
        boolean user = userArn != null && !userArn.isEmpty();
        if (!session && !user) {
            throw IAM_ARN_REQUIRED.exception("Either an IAM session ARN or an IAM user ARN is required");
        }
        if (session && user) {
            throw MULTIPLE_IAM_ARNS_PROVIDED.exception("Give either an IAM session ARN or an IAM user ARN, not both");
        }
        if (user && !IAM_USER_ARN.matcher(userArn).matches()) {
            throw INVALID_IAM_USER_ARN.exception("The IAM user ARN " + userArn
                    + " is not valid: expected arn:aws:iam::<account>:user/<name>");
        }
        if (session && !IAM_SESSION_ARN.matcher(sessionArn).matches()) {
            throw INVALID_IAM_SESSION_ARN.exception("The IAM session ARN " + sessionArn
                    + " is not valid: expected arn:aws:sts::<account>:assumed-role/<role>/<session>");
        }
        return session ? sessionArn : userArn;
    }

    /** Tags of a tagging call: at least one, at most an instance's worth, with keys (and values, when adding). */
    static List<Tag> tags(List<Tag> tags, boolean valuesRequired) {
        if (tags == null || tags.isEmpty()) {
            throw TAG_REQUIRED.exception("At least one tag is required");
        }
        for (Tag t : tags) {
            if (t.key() == null || t.key().isEmpty() || t.key().length() > 128) {
                throw INVALID_TAG.exception("Tag keys must be 1 to 128 characters long");
            }
            if (t.value() == null && valuesRequired) {
                throw INVALID_TAG.exception("The tag " + t.key() + " has no value: keys and values are both required");
            }
            if (t.value() != null && t.value().length() > 256) {
                throw INVALID_TAG.exception("Tag values may be at most 256 characters long");
            }
        }
        if (tags.size() > MAX_TAGS_PER_INSTANCE) {
            throw tagLimit();
        }
        return tags;
    }

    static AwsException tagLimit() {
        return TAG_LIMIT_EXCEEDED.exception("An on-premises instance can have at most " + MAX_TAGS_PER_INSTANCE + " tags");
    }
}
