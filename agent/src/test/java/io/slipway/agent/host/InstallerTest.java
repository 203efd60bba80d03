package io.slipway.agent.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.agent.spec.AppSpec;
import io.slipway.agent.spec.AppSpecParser;
import io.slipway.agent.spec.FileExistsBehavior;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallerTest {
    private static final String GROUP = "6f1f7c7e-0000-4000-8000-000000000001";
    private static final String WEB_AND_CONFIG = """
            version: 0.0
            os: linux
            files:
              - source: site
                destination: /var/www
              - source: config/app.conf
                destination: /etc/app
            """;

    @TempDir
    Path dir;
    private HostLayout layout;
    private Installer installer;

    @BeforeEach
    void setUp() {
        layout = new HostLayout(dir.resolve("host"));
        installer = new Installer(layout, new RunningUser("deployer", false));
    }

    private Path archive(String name, String... pathsAndContents) throws IOException {
        Path archive = dir.resolve(name);
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            Path file = archive.resolve(pathsAndContents[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, pathsAndContents[i + 1]);
        }
        return archive;
    }

    private void install(String appSpec, Path archive, FileExistsBehavior behavior) throws Exception {
        AppSpec spec = AppSpecParser.parse(appSpec);
        installer.install(GROUP, spec, archive, behavior);
    }

    /** A file on the host that no install put there. */
    private void existing(String hostPath, String content) throws IOException {
        Files.createDirectories(host(hostPath).getParent());
        Files.writeString(host(hostPath), content);
    }

    private Path host(String path) {
        return layout.hostPath(path);
    }

    @Test
    void copiesFilesToHostPathsUnderTheRootAndListsThemForCleanup() throws Exception {
        Path archive = archive("v1", "site/index.html", "v1", "site/css/site.css", "body{}", "config/app.conf", "port=80");

        install(WEB_AND_CONFIG, archive, FileExistsBehavior.DISALLOW);

        assertThat(host("/var/www/index.html")).hasContent("v1");
        assertThat(host("/var/www/css/site.css")).hasContent("body{}");
        assertThat(host("/etc/app/app.conf")).hasContent("port=80");
        assertThat(host("/etc/app/app.conf")).isEqualTo(dir.resolve("host/etc/app/app.conf"));
        assertThat(Files.readAllLines(layout.cleanupFile(GROUP))).containsExactly("/var", "/var/www", "/var/www/css",
                "/var/www/css/site.css", "/var/www/index.html", "/etc", "/etc/app", "/etc/app/app.conf");
    }

    @Test
    void wholeArchiveWithSlash() throws Exception {
        Path archive = archive("v1", "appspec.yml", "x", "bin/run", "run");

        install("version: 0.0\nos: linux\nfiles:\n  - source: /\n    destination: /opt/app\n", archive, FileExistsBehavior.DISALLOW);

        assertThat(host("/opt/app/appspec.yml")).exists();
        assertThat(host("/opt/app/bin/run")).hasContent("run");
    }

    @Test
    void disallowFailsOnAFileItDidNotInstallAndTouchesNothing() throws Exception {
        Path archive = archive("v1", "site/index.html", "new", "config/app.conf", "port=80");
        existing("/var/www/index.html", "someone else's");

        assertThatThrownBy(() -> install(WEB_AND_CONFIG, archive, FileExistsBehavior.DISALLOW)).isInstanceOf(CommandFailure.class)
                .hasMessage("The deployment failed because a specified file already exists at this location: /var/www/index.html");
        assertThat(host("/var/www/index.html")).hasContent("someone else's");
        assertThat(host("/etc/app/app.conf")).doesNotExist();
    }

    @Test
    void overwriteReplacesAndRetainKeeps() throws Exception {
        Path archive = archive("v1", "site/index.html", "new", "site/about.html", "about", "config/app.conf", "port=80");
        existing("/var/www/index.html", "old");

        install(WEB_AND_CONFIG, archive, FileExistsBehavior.RETAIN);
        assertThat(host("/var/www/index.html")).hasContent("old");
        assertThat(host("/var/www/about.html")).hasContent("about");

        Files.delete(layout.cleanupFile(GROUP)); // as if the first install never happened
        Files.writeString(host("/var/www/about.html"), "edited");
        install(WEB_AND_CONFIG, archive, FileExistsBehavior.OVERWRITE);
        assertThat(host("/var/www/index.html")).hasContent("new");
        assertThat(host("/var/www/about.html")).hasContent("about");
    }

    @Test
    void theAppSpecBehaviorWinsOverTheDeployments() throws Exception {
        Path archive = archive("v1", "site/index.html", "new", "config/app.conf", "port=80");
        existing("/var/www/index.html", "old");

        install(WEB_AND_CONFIG + "file_exists_behavior: RETAIN\n", archive, FileExistsBehavior.DISALLOW);

        assertThat(host("/var/www/index.html")).hasContent("old");
        assertThat(host("/etc/app/app.conf")).hasContent("port=80");
    }

    @Test
    void removesThePreviousInstallsFilesFirst() throws Exception {
        install(WEB_AND_CONFIG, archive("v1", "site/index.html", "v1", "site/old/gone.html", "gone", "config/app.conf", "v1"),
                FileExistsBehavior.DISALLOW);
        Files.writeString(host("/var/www/uploaded.txt"), "a user's file");

        install(WEB_AND_CONFIG, archive("v2", "site/index.html", "v2", "config/app.conf", "v2"), FileExistsBehavior.DISALLOW);

        assertThat(host("/var/www/index.html")).hasContent("v2");
        assertThat(host("/etc/app/app.conf")).hasContent("v2");
        assertThat(host("/var/www/old")).doesNotExist();
        assertThat(host("/var/www/uploaded.txt")).hasContent("a user's file");
        assertThat(Files.readAllLines(layout.cleanupFile(GROUP))).doesNotContain("/var/www/old/gone.html", "/var", "/var/www");
    }

    @Test
    void appliesPermissionModes() throws Exception {
        Path archive = archive("v1", "site/index.html", "x", "site/run.sh", "#!/bin/sh", "site/lib/util.sh", "#!/bin/sh",
                "config/app.conf", "secret");

        install(WEB_AND_CONFIG + """
                permissions:
                  - object: /var/www
                    pattern: "*.sh"
                    mode: 755
                    type: [file]
                  - object: /var/www
                    mode: 750
                    type: [directory]
                  - object: /etc/app/app.conf
                    mode: 0600
                    owner: root
                    group: root
                """, archive, FileExistsBehavior.DISALLOW);

        assertThat(mode(host("/var/www/run.sh"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(host("/var/www/lib/util.sh"))).isNotEqualTo("rwxr-xr-x"); // "*.sh" matches direct children only
        assertThat(mode(host("/var/www/index.html"))).isNotEqualTo("rwxr-xr-x");
        assertThat(mode(host("/var/www/lib"))).isEqualTo("rwxr-x---");
        assertThat(mode(host("/etc/app/app.conf"))).isEqualTo("rw-------");
    }

    @Test
    void setsSpecialBitsToo() throws Exception {
        install(WEB_AND_CONFIG + "permissions:\n  - object: /etc/app/app.conf\n    mode: 2750\n",
                archive("v1", "site/index.html", "x", "config/app.conf", "c"), FileExistsBehavior.DISALLOW);

        assertThat((Integer) Files.getAttribute(host("/etc/app/app.conf"), "unix:mode") & 07777).isEqualTo(02750);
    }

    @Test
    void failsOnTwoSourcesForOneDestination() throws Exception {
        Path archive = archive("v1", "a/same.txt", "1", "b/same.txt", "2");

        assertThatThrownBy(() -> install("""
                version: 0.0
                os: linux
                files:
                  - source: a/same.txt
                    destination: /srv
                  - source: b/same.txt
                    destination: /srv
                """, archive, FileExistsBehavior.OVERWRITE)).isInstanceOf(CommandFailure.class)
                .hasMessageContaining("two source files").hasMessageContaining("(/srv/same.txt)");
    }

    @Test
    void failsOnASourceNotInTheRevision() throws Exception {
        Path archive = archive("v1", "a.txt", "1");

        assertThatThrownBy(() -> install("version: 0.0\nos: linux\nfiles:\n  - source: missing.txt\n    destination: /srv\n",
                archive, FileExistsBehavior.OVERWRITE)).isInstanceOf(CommandFailure.class).hasMessageContaining("missing.txt");
        assertThatThrownBy(() -> install("version: 0.0\nos: linux\nfiles:\n  - source: ../../etc\n    destination: /srv\n",
                archive, FileExistsBehavior.OVERWRITE)).isInstanceOf(CommandFailure.class).hasMessageContaining("outside the revision");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
