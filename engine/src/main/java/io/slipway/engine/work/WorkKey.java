package io.slipway.engine.work;

import io.slipway.core.Namespace;
import io.slipway.engine.store.WorkItem;

/** A work item's payload as the services write it: the namespace and the id of what the work is about. */
public record WorkKey(Namespace ns, String id) {

    public static String payload(Namespace ns, String id) {
        return ns.account() + "\n" + ns.region() + "\n" + id;
    }

    public static WorkKey parse(WorkItem item) {
        String[] p = item.payload().split("\n", 3);
        return new WorkKey(new Namespace(p[0], p[1]), p[2]);
    }
}
