package io.slipway.codedeploy.deployment;

import io.slipway.core.Namespace;
import io.slipway.engine.store.WorkItem;

/** A CodeDeploy work item's payload: the namespace and the id of a deployment, hook execution or host command. */
public record WorkKey(Namespace ns, String id) {

    public static String payload(Namespace ns, String id) {
        return ns.account() + "\n" + ns.region() + "\n" + id;
    }

    public static WorkKey parse(WorkItem item) {
        String[] p = item.payload().split("\n", 3);
        return new WorkKey(new Namespace(p[0], p[1]), p[2]);
    }
}
