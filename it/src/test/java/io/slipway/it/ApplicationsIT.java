package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.ApplicationAlreadyExistsException;
import software.amazon.awssdk.services.codedeploy.model.ApplicationDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.ApplicationInfo;
import software.amazon.awssdk.services.codedeploy.model.ApplicationNameRequiredException;
import software.amazon.awssdk.services.codedeploy.model.BatchLimitExceededException;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.InvalidApplicationNameException;
import software.amazon.awssdk.services.codedeploy.model.InvalidComputePlatformException;
import software.amazon.awssdk.services.codedeploy.model.InvalidNextTokenException;
import software.amazon.awssdk.services.codedeploy.model.ListApplicationsResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApplicationsIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final CodeDeployClient cd = slipway.codeDeploy();

    @Test
    void createGetUpdateDelete() {
        Instant before = Instant.now().minusSeconds(1);
        String id = cd.createApplication(r -> r.applicationName("shop").computePlatform(ComputePlatform.LAMBDA))
                .applicationId();
        ApplicationInfo app = cd.getApplication(r -> r.applicationName("shop")).application();
        assertThat(app.applicationId()).isEqualTo(id).matches("[0-9a-f-]{36}");
        assertThat(app.applicationName()).isEqualTo("shop");
        assertThat(app.computePlatform()).isEqualTo(ComputePlatform.LAMBDA);
        assertThat(app.linkedToGitHub()).isFalse();
        assertThat(app.createTime()).isBetween(before, Instant.now().plus(Duration.ofSeconds(1)));

        cd.updateApplication(r -> r.applicationName("shop").newApplicationName("store"));
        assertThat(cd.getApplication(r -> r.applicationName("store")).application().applicationId()).isEqualTo(id);
        assertThatThrownBy(() -> cd.getApplication(r -> r.applicationName("shop")))
                .isInstanceOf(ApplicationDoesNotExistException.class)
                .hasMessageContaining("No application found for name: shop");

        cd.deleteApplication(r -> r.applicationName("store"));
        assertThatThrownBy(() -> cd.getApplication(r -> r.applicationName("store")))
                .isInstanceOf(ApplicationDoesNotExistException.class);
        // deleting what is not there succeeds, as in AWS (the operation models no DoesNotExist error)
        cd.deleteApplication(r -> r.applicationName("store"));
    }

    @Test
    void defaultsToServer() {
        cd.createApplication(r -> r.applicationName("plain"));
        assertThat(cd.getApplication(r -> r.applicationName("plain")).application().computePlatform())
                .isEqualTo(ComputePlatform.SERVER);
    }

    @Test
    void nameTakenOnCreateAndRename() {
        cd.createApplication(r -> r.applicationName("taken-a"));
        cd.createApplication(r -> r.applicationName("taken-b"));
        assertThatThrownBy(() -> cd.createApplication(r -> r.applicationName("taken-a")))
                .isInstanceOf(ApplicationAlreadyExistsException.class)
                .satisfies(e -> assertThat(((ApplicationAlreadyExistsException) e).statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> cd.updateApplication(r -> r.applicationName("taken-a").newApplicationName("taken-b")))
                .isInstanceOf(ApplicationAlreadyExistsException.class);
        assertThatThrownBy(() -> cd.updateApplication(r -> r.applicationName("ghost").newApplicationName("x")))
                .isInstanceOf(ApplicationDoesNotExistException.class);
    }

    @Test
    void badNamesAndPlatforms() {
        assertThatThrownBy(() -> cd.createApplication(r -> r.applicationName("x".repeat(101))))
                .isInstanceOf(InvalidApplicationNameException.class)
                .hasMessageContaining("Member must have length less than or equal to 100");
        assertThatThrownBy(() -> cd.createApplication(r -> r.computePlatform(ComputePlatform.ECS)))
                .isInstanceOf(ApplicationNameRequiredException.class);
        assertThatThrownBy(() -> cd.getApplication(r -> r.applicationName("")))
                .isInstanceOf(InvalidApplicationNameException.class);
        assertThatThrownBy(() -> cd.createApplication(r -> r.applicationName("p").computePlatform("Mainframe")))
                .isInstanceOf(InvalidComputePlatformException.class)
                .hasMessageContaining("Member must satisfy enum value set: [Server, Lambda, ECS]");
    }

    @Test
    void batchGet() {
        cd.createApplication(r -> r.applicationName("batch-1"));
        cd.createApplication(r -> r.applicationName("batch-2"));
        assertThat(cd.batchGetApplications(r -> r.applicationNames("batch-2", "batch-1")).applicationsInfo())
                .extracting(ApplicationInfo::applicationName).containsExactly("batch-2", "batch-1");
        assertThatThrownBy(() -> cd.batchGetApplications(r -> r.applicationNames("batch-1", "ghost")))
                .isInstanceOf(ApplicationDoesNotExistException.class);
        List<String> tooMany = IntStream.range(0, 101).mapToObj(i -> "n" + i).toList();
        assertThatThrownBy(() -> cd.batchGetApplications(r -> r.applicationNames(tooMany)))
                .isInstanceOf(BatchLimitExceededException.class);
    }

    @Test
    void listsInPagesOfOneHundred() {
        CodeDeployClient other = slipway.codeDeploy("AKIDEXAMPLE", "eu-west-3");
        for (int i = 0; i < 150; i++) {
            String name = String.format("paged-%03d", i);
            other.createApplication(r -> r.applicationName(name));
        }
        ListApplicationsResponse first = other.listApplications(r -> { });
        assertThat(first.applications()).hasSize(100);
        assertThat(first.nextToken()).isNotBlank();
        other.createApplication(r -> r.applicationName("paged-000a")); // sorts into the first page: not seen again
        ListApplicationsResponse second = other.listApplications(r -> r.nextToken(first.nextToken()));
        assertThat(second.applications()).hasSize(50).startsWith("paged-100").endsWith("paged-149");
        assertThat(second.nextToken()).isNull();
        List<String> all = new ArrayList<>();
        other.listApplicationsPaginator(r -> { }).applications().forEach(all::add);
        assertThat(all).hasSize(151).isSorted();
        assertThatThrownBy(() -> other.listApplications(r -> r.nextToken("not-a-token")))
                .isInstanceOf(InvalidNextTokenException.class);
    }
}
