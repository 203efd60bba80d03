package io.slipway.iam.role;

import io.slipway.core.Namespace;
import io.slipway.iam.IamNamespace;
import io.slipway.iam.IamTags;
import io.slipway.iam.Paging;
import io.slipway.iam.store.EntityRef;
import io.slipway.model.iam.AddRoleToInstanceProfileRequest;
import io.slipway.model.iam.CreateInstanceProfileRequest;
import io.slipway.model.iam.CreateInstanceProfileResponse;
import io.slipway.model.iam.DeleteInstanceProfileRequest;
import io.slipway.model.iam.GetInstanceProfileRequest;
import io.slipway.model.iam.GetInstanceProfileResponse;
import io.slipway.model.iam.InstanceProfile;
import io.slipway.model.iam.ListInstanceProfileTagsRequest;
import io.slipway.model.iam.ListInstanceProfileTagsResponse;
import io.slipway.model.iam.ListInstanceProfilesForRoleRequest;
import io.slipway.model.iam.ListInstanceProfilesForRoleResponse;
import io.slipway.model.iam.ListInstanceProfilesRequest;
import io.slipway.model.iam.ListInstanceProfilesResponse;
import io.slipway.model.iam.RemoveRoleFromInstanceProfileRequest;
import io.slipway.model.iam.TagInstanceProfileRequest;
import io.slipway.model.iam.UntagInstanceProfileRequest;
import io.slipway.model.runtime.RequestContext;

import java.util.List;
import java.util.Optional;

/** Instance profiles and the role each holds. */
public final class InstanceProfilesApi {
    private final InstanceProfiles profiles;

    public InstanceProfilesApi(InstanceProfiles profiles) {
        this.profiles = profiles;
    }

    public CreateInstanceProfileResponse createInstanceProfile(CreateInstanceProfileRequest in, RequestContext context) {
        return new CreateInstanceProfileResponse(profiles.create(IamNamespace.of(context), in.instanceProfileName(),
                in.path(), in.tags()));
    }

    public GetInstanceProfileResponse getInstanceProfile(GetInstanceProfileRequest in, RequestContext context) {
        Namespace ns = IamNamespace.of(context);
        return new GetInstanceProfileResponse(shown(ns, profiles.get(ns, in.instanceProfileName())));
    }

    public void deleteInstanceProfile(DeleteInstanceProfileRequest in, RequestContext context) {
        profiles.delete(IamNamespace.of(context), in.instanceProfileName());
    }

    public ListInstanceProfilesResponse listInstanceProfiles(ListInstanceProfilesRequest in, RequestContext context) {
        Namespace ns = IamNamespace.of(context);
        Paging.Page<InstanceProfile> page = profiles.list(ns, in.pathPrefix(),
                Paging.of("instance-profiles", in.marker(), in.maxItems()));
        return new ListInstanceProfilesResponse(page.items().stream().map(p -> listed(ns, p)).toList(), page.truncated(),
                page.wireMarker());
    }

    public ListInstanceProfilesForRoleResponse listInstanceProfilesForRole(ListInstanceProfilesForRoleRequest in,
                                                                           RequestContext context) {
        Namespace ns = IamNamespace.of(context);
        Paging.Page<EntityRef> page = profiles.ofRole(ns, in.roleName(),
                Paging.of("role-instance-profiles", in.marker(), in.maxItems()));
        List<InstanceProfile> shown = page.items().stream().map(r -> find(ns, r)).flatMap(Optional::stream)
                .map(p -> listed(ns, p)).toList();
        return new ListInstanceProfilesForRoleResponse(shown, page.truncated(), page.wireMarker());
    }

    public void addRoleToInstanceProfile(AddRoleToInstanceProfileRequest in, RequestContext context) {
        profiles.addRole(IamNamespace.of(context), in.instanceProfileName(), in.roleName());
    }

    public void removeRoleFromInstanceProfile(RemoveRoleFromInstanceProfileRequest in, RequestContext context) {
        profiles.removeRole(IamNamespace.of(context), in.instanceProfileName(), in.roleName());
    }

    public void tagInstanceProfile(TagInstanceProfileRequest in, RequestContext context) {
        profiles.tag(IamNamespace.of(context), in.instanceProfileName(), in.tags());
    }

    public void untagInstanceProfile(UntagInstanceProfileRequest in, RequestContext context) {
        profiles.untag(IamNamespace.of(context), in.instanceProfileName(), in.tagKeys());
    }

    public ListInstanceProfileTagsResponse listInstanceProfileTags(ListInstanceProfileTagsRequest in,
                                                                   RequestContext context) {
        InstanceProfile p = profiles.get(IamNamespace.of(context), in.instanceProfileName());
        var page = IamTags.page(p.tags(), Paging.of("instance-profile-tags", in.marker(), in.maxItems()));
        return new ListInstanceProfileTagsResponse(page.items(), page.truncated(), page.wireMarker());
    }

    private Optional<InstanceProfile> find(Namespace ns, EntityRef ref) {
        return profiles.find(ns, ref.name()).filter(p -> p.instanceProfileId().equals(ref.id()));
    }

    private InstanceProfile shown(Namespace ns, InstanceProfile p) {
        InstanceProfile current = profiles.withRoles(ns, p);
        return current.toBuilder().roles(current.roles().stream().map(RoleViews::listed).toList()).build();
    }

    private InstanceProfile listed(Namespace ns, InstanceProfile p) {
        return shown(ns, p).toBuilder().tags(null).build();
    }
}
