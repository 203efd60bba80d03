package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.User;

import java.net.URI;

import static io.slipway.it.IamErrorAssert.fails;
import static io.slipway.it.IamRolesIT.LOGS;
import static io.slipway.it.IamRolesIT.TRUST;
import static org.assertj.core.api.Assertions.assertThat;

/** IAM is per account and global: another account sees none of an account's entities, any region sees all of them. */
class IamAccountsIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();

    @Test
    void anotherAccountCanNeitherReadListChangeNorDeleteAnAccountsEntities() {
        IamClient a = slipway.iam("777700007777");
        IamClient b = slipway.iam("888800008888");
        a.createUser(r -> r.userName("owner").tags(t -> t.key("k").value("v")));
        String key = a.createAccessKey(r -> r.userName("owner")).accessKey().accessKeyId();
        a.createRole(r -> r.roleName("owned").assumeRolePolicyDocument(TRUST));
        String policy = a.createPolicy(r -> r.policyName("owned-policy").policyDocument(LOGS)).policy().arn();
        String before = a.getAccountAuthorizationDetails(r -> { }).toString() + a.listAccessKeys(r -> r.userName("owner"));

        fails(() -> b.getUser(r -> r.userName("owner")), "NoSuchEntity", 404, "cannot be found");
        assertThat(b.listUsers(r -> { }).users()).isEmpty();
        fails(() -> b.getRole(r -> r.roleName("owned")), "NoSuchEntity", 404, "cannot be found");
        fails(() -> b.deleteRole(r -> r.roleName("owned")), "NoSuchEntity", 404, "cannot be found");
        fails(() -> b.getPolicy(r -> r.policyArn(policy)), "NoSuchEntity", 404, "was not found");
        fails(() -> b.deletePolicy(r -> r.policyArn(policy)), "NoSuchEntity", 404, "was not found");
        fails(() -> b.createPolicyVersion(r -> r.policyArn(policy).policyDocument(LOGS)), "NoSuchEntity", 404, "was not found");
        b.createRole(r -> r.roleName("mine").assumeRolePolicyDocument(TRUST));
        fails(() -> b.attachRolePolicy(r -> r.roleName("mine").policyArn(policy)), "NoSuchEntity", 404,
                "does not exist or is not attachable");
        fails(() -> b.listEntitiesForPolicy(r -> r.policyArn(policy)), "NoSuchEntity", 404, "was not found");
        fails(() -> b.getAccessKeyLastUsed(r -> r.accessKeyId(key)), "NoSuchEntity", 404, "cannot be found");
        b.createUser(r -> r.userName("owner"));
        fails(() -> b.deleteAccessKey(r -> r.userName("owner").accessKeyId(key)), "NoSuchEntity", 404, "cannot be found");
        fails(() -> b.updateAccessKey(r -> r.userName("owner").accessKeyId(key).status("Inactive")), "NoSuchEntity", 404,
                "cannot be found");
        assertThat(b.getUser(r -> r.userName("owner")).user().arn()).isEqualTo("arn:aws:iam::888800008888:user/owner");

        String after = a.getAccountAuthorizationDetails(r -> { }).toString() + a.listAccessKeys(r -> r.userName("owner"));
        assertThat(after).isEqualTo(before);
    }

    @Test
    void iamIsTheSameWhateverRegionAClientSignsFor() {
        slipway.iam("999900009999").createUser(r -> r.userName("everywhere"));
        IamClient western = IamClient.builder().endpointOverride(URI.create(slipway.endpoint())).region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("999900009999", SlipwayServer.SECRET)))
                .httpClient(UrlConnectionHttpClient.create()).build();
        assertThat(western.listUsers(r -> { }).users()).extracting(User::userName).containsExactly("everywhere");
    }
}
