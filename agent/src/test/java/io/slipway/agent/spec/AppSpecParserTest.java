package io.slipway.agent.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.agent.spec.AppSpec.FileMapping;
import io.slipway.agent.spec.AppSpec.HookScript;
import io.slipway.agent.spec.PermissionRule.ObjectType;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AppSpecParserTest {
    @Test
    void readsFilesPermissionsAndHooks() throws SpecificationException {
        AppSpec spec = AppSpecParser.parse("""
                version: 0.0
                os: linux
                files:
                  - source: /
                    destination: /var/www/html
                  - source: config/app.conf
                    destination: /etc/app
                permissions:
                  - object: /var/www/html
                    pattern: "*.sh"
                    except: [keep.sh]
                    owner: www-data
                    group: www-data
                    mode: 0750
                    type:
                      - file
                hooks:
                  BeforeInstall:
                    - location: scripts/stop.sh
                      timeout: 300
                      runas: root
                  ApplicationStart:
                    - location: scripts/start.sh
                    - location: scripts/warm.sh
                      timeout: 99999
                  ValidateService:
                file_exists_behavior: overwrite
                """);

        assertThat(spec.files()).containsExactly(new FileMapping("/", "/var/www/html"), new FileMapping("config/app.conf", "/etc/app"));
        assertThat(spec.permissions()).containsExactly(new PermissionRule("/var/www/html", "*.sh", List.of("keep.sh"),
                Set.of(ObjectType.FILE), Optional.of("www-data"), Optional.of("www-data"), OptionalInt.of(0750)));
        assertThat(spec.hooks("BeforeInstall")).containsExactly(new HookScript("scripts/stop.sh", 300, Optional.of("root")));
        assertThat(spec.hooks("ApplicationStart")).containsExactly(new HookScript("scripts/start.sh", 3600, Optional.empty()),
                new HookScript("scripts/warm.sh", 3600, Optional.empty()));
        assertThat(spec.hooks("ValidateService")).isEmpty();
        assertThat(spec.hooks("AfterInstall")).isEmpty();
        assertThat(spec.fileExistsBehavior()).contains(FileExistsBehavior.OVERWRITE);
    }

    @Test
    void appliesDefaults() throws SpecificationException {
        AppSpec spec = AppSpecParser.parse("""
                version: 0.0
                os: linux
                permissions:
                  - object: /opt/app
                    mode: 644
                """);

        PermissionRule rule = spec.permissions().get(0);
        assertThat(rule.pattern()).isEqualTo("**");
        assertThat(rule.except()).isEmpty();
        assertThat(rule.types()).containsExactlyInAnyOrder(ObjectType.FILE, ObjectType.DIRECTORY);
        assertThat(rule.mode()).hasValue(0644);
        assertThat(rule.owner()).isEmpty();
        assertThat(spec.files()).isEmpty();
        assertThat(spec.hooks()).isEmpty();
        assertThat(spec.fileExistsBehavior()).isEmpty();
    }

    @Test
    void matchesPermissionPatternsAsTheOfficialAgent() {
        PermissionRule shell = new PermissionRule("/srv", "*.sh", List.of("keep*"), Set.of(ObjectType.FILE), Optional.empty(),
                Optional.empty(), OptionalInt.empty());
        PermissionRule all = new PermissionRule("/srv", "**", List.of(), Set.of(ObjectType.FILE), Optional.empty(),
                Optional.empty(), OptionalInt.empty());

        assertThat(shell.covers("/srv/run.sh")).isTrue();
        assertThat(shell.covers("/srv/keep.sh")).isFalse();
        assertThat(shell.covers("/srv/sub/run.sh")).isFalse();
        assertThat(shell.covers("/srvx/run.sh")).isFalse();
        assertThat(all.covers("/srv/sub/deep/file")).isTrue();
        assertThat(all.covers("/srv")).isFalse();
    }

    @Test
    void rejectsBadDocuments() {
        assertRejected("", "was empty");
        assertRejected("- just\n- a list\n", "must be a YAML mapping");
        assertRejected("version: 1.0\nos: linux\n", "invalid version value (1.0)");
        assertRejected("version: 0.0\nos: windows\n", "unsupported operating system (windows)");
        assertRejected("version: 0.0\nos: linux\nos: linux\n", "not valid YAML");
        assertRejected("version: 0.0\nos: linux\nhooks:\n  BeforeInstall:\n    - timeout: 10\n", "no location value");
        assertRejected("version: 0.0\nos: linux\nhooks:\n  BeforeInstall:\n    - location: a.sh\n      timeout: -5\n",
                "invalid timeout value");
        assertRejected("version: 0.0\nos: linux\nhooks:\n  - BeforeInstall\n", "hooks section must be a YAML mapping");
        assertRejected("version: 0.0\nos: linux\nfiles:\n  - source: a\n", "specifies only a source file (a)");
        assertRejected("version: 0.0\nos: linux\nfiles:\n  - destination: /a\n", "no source file");
        assertRejected("version: 0.0\nos: linux\npermissions:\n  - mode: 644\n", "has no object value");
        assertRejected("version: 0.0\nos: linux\npermissions:\n  - object: /a\n    mode: 8\n", "invalid character (8)");
        assertRejected("version: 0.0\nos: linux\npermissions:\n  - object: /a\n    mode: 07777\n", "between one and four characters");
        assertRejected("version: 0.0\nos: linux\npermissions:\n  - object: /a\n    type: [socket]\n", "(socket)");
        assertRejected("version: 0.0\nos: linux\nfile_exists_behavior: MERGE\n", "invalid file_exists_behavior value (MERGE)");
        assertRejected("version: 0.0\nos: linux\nfiles: [\n", "not valid YAML");
    }

    private static void assertRejected(String yaml, String message) {
        assertThatThrownBy(() -> AppSpecParser.parse(yaml)).isInstanceOf(SpecificationException.class).hasMessageContaining(message);
    }
}
