package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.template.Resource;
import io.slipway.cloudformation.template.Template;
import io.slipway.model.cloudformation.Capability;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.slipway.model.cloudformation.CloudFormationErrors.INSUFFICIENT_CAPABILITIES;

/** The capabilities a template needs acknowledged before CloudFormation runs it, as AWS decides them. */
final class StackCapabilities {

    private StackCapabilities() {
    }

    /**
     * A template that transforms changed needs CAPABILITY_AUTO_EXPAND when it goes straight to
     * CreateStack or UpdateStack (a change set shows the processed template first, and needs none).
     */
    static void requireAutoExpand(Stacks.Checked checked, List<Capability> given) {
        if (checked.processed().transformed() && (given == null || !given.contains(Capability.CAPABILITY_AUTO_EXPAND))) {
            throw INSUFFICIENT_CAPABILITIES.exception("Requires capabilities : [" + Capability.CAPABILITY_AUTO_EXPAND.value() + "]");
        }
    }

    /** IAM resources need CAPABILITY_IAM (CAPABILITY_NAMED_IAM when they carry names); AWS's rule. */
    static void requireCapabilities(Template template, List<Capability> given) {
        List<Capability> granted = given == null ? List.of() : given;
        Optional<Capability> needed = requiredCapability(template);
        if (needed.isPresent() && !granted.contains(needed.get())
                && !(needed.get() == Capability.CAPABILITY_IAM && granted.contains(Capability.CAPABILITY_NAMED_IAM))) {
            throw INSUFFICIENT_CAPABILITIES.exception("Requires capabilities : [" + needed.get().value() + "]");
        }
    }

    /**
     * The property that names each IAM type that has a name of its own. Others (an access key's
     * UserName, an inline policy's RoleName) name another entity, and need CAPABILITY_IAM only.
     */
    private static final Map<String, String> IAM_NAMES = Map.of("AWS::IAM::Role", "RoleName", "AWS::IAM::User", "UserName",
            "AWS::IAM::Group", "GroupName", "AWS::IAM::ManagedPolicy", "ManagedPolicyName",
            "AWS::IAM::InstanceProfile", "InstanceProfileName");

    static Optional<Capability> requiredCapability(Template template) {
        boolean iam = false;
        for (Resource r : template.resources().values()) {
            if (r.type().startsWith("AWS::IAM::")) {
                iam = true;
                String name = IAM_NAMES.get(r.type());
                if (name != null && r.properties() instanceof Map<?, ?> p && p.containsKey(name)) {
                    return Optional.of(Capability.CAPABILITY_NAMED_IAM);
                }
            }
        }
        return iam ? Optional.of(Capability.CAPABILITY_IAM) : Optional.empty();
    }

}
