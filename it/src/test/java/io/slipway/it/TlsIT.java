package io.slipway.it;

import io.slipway.app.SlipwayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.sts.StsClient;

import io.slipway.agent.AgentSettings;
import io.slipway.agent.HostAgent;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.codedeploy.model.BundleType;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocationType;
import software.amazon.awssdk.services.codedeploy.model.Tag;
import software.amazon.awssdk.services.codedeploy.model.TagFilter;
import software.amazon.awssdk.services.codedeploy.model.TagFilterType;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * HTTPS and plain HTTP on one port ({@code --tls}): the SDK for Java and the AWS CLI verify Slipway's
 * own certificate when told to trust its PEM file, and refuse it otherwise; plain HTTP goes on as before.
 */
class TlsIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c.withTls(
            new SlipwayConfig.Tls.SelfSigned(List.of("slipway.test"))));

    private static String atLocalhost(String endpoint) {
        return endpoint.replace("127.0.0.1", "localhost");
    }

    private static CodeDeployClient codeDeploy(String endpoint, Path trusted) {
        var http = UrlConnectionHttpClient.builder();
        if (trusted != null) {
            http.tlsTrustManagersProvider(() -> TrustedPem.trustManagers(trusted));
        }
        return CodeDeployClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(http.build()).build();
    }

    private static StsClient sts(String endpoint, Path trusted) {
        return StsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("123456789012", "secret")))
                .httpClient(ApacheHttpClient.builder().tlsTrustManagersProvider(() -> TrustedPem.trustManagers(trusted))
                        .build()).build();
    }

    @Test
    void sdkClientsTrustingOnlySlipwaysPemCallOverHttpsWhilePlainHttpGoesOnOnTheSamePort() {
        Path pem = slipway.tlsCertificate();
        String https = slipway.httpsEndpoint();
        assertThat(URI.create(https).getPort()).isEqualTo(URI.create(slipway.endpoint()).getPort());
        for (String endpoint : List.of(https, atLocalhost(https))) {
            String name = "over-" + URI.create(endpoint).getHost();
            try (CodeDeployClient codeDeploy = codeDeploy(endpoint, pem); StsClient sts = sts(endpoint, pem)) {
                codeDeploy.createApplication(r -> r.applicationName(name));
                assertThat(codeDeploy.getApplication(r -> r.applicationName(name)).application().applicationName())
                        .isEqualTo(name);
                assertThat(sts.getCallerIdentity().account()).isEqualTo("123456789012");
            }
        }
        assertThat(slipway.codeDeploy().listApplications(r -> { }).applications())
                .contains("over-127.0.0.1", "over-localhost");
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefusedAndTheServerGoesOn() {
        try (CodeDeployClient untrusting = codeDeploy(slipway.httpsEndpoint(), null)) {
            assertThatThrownBy(() -> untrusting.listApplications(r -> { }))
                    .hasStackTraceContaining(SSLHandshakeException.class.getName())
                    .hasStackTraceContaining("unable to find valid certification path");
        }
        try (CodeDeployClient trusting = codeDeploy(slipway.httpsEndpoint(), slipway.tlsCertificate())) {
            assertThat(trusting.listApplications(r -> { }).sdkHttpResponse().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theCertificateNamesLoopbackLocalhostAndTheExtraNames() throws Exception {
        X509Certificate presented = TrustedPem.presented(slipway.httpsEndpoint(), slipway.tlsCertificate());
        assertThat(presented.getSubjectAlternativeNames()).extracting(n -> (Object) n.get(1))
                .contains("127.0.0.1", "0:0:0:0:0:0:0:1", "localhost", "slipway.test");
        presented.checkValidity();
    }

    @Test
    void tlsOneTwoAndOneThreeAreBothServed() throws Exception {
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            try (SSLSocket socket = TrustedPem.connect(slipway.httpsEndpoint(), slipway.tlsCertificate(), protocol)) {
                assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
                socket.getOutputStream().write("GET /_slipway/health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes());
                RawHttp.Reply reply = RawHttp.read(socket, false);
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.body()).contains("\"tls\":true");
            }
        }
    }

    @Test
    void theAwsCliVerifiesSlipwayWithCaBundleOrAwsCaBundleAndRefusesItWithout() {
        AwsCli.requireCli();
        String pem = slipway.tlsCertificate().toString();
        AwsCli.Result byOption = AwsCli.run(Map.of(), "--endpoint-url", slipway.httpsEndpoint(), "--ca-bundle", pem,
                "sts", "get-caller-identity", "--query", "Account", "--output", "text");
        assertThat(byOption.exitCode()).as(byOption.stderr()).isZero();
        assertThat(byOption.stdout().trim()).isEqualTo("000000000000");

        slipway.codeDeploy().createApplication(r -> r.applicationName("seen-by-the-cli"));
        AwsCli.Result byVariable = AwsCli.run(Map.of("AWS_CA_BUNDLE", pem), "--endpoint-url",
                atLocalhost(slipway.httpsEndpoint()), "deploy", "list-applications");
        assertThat(byVariable.exitCode()).as(byVariable.stderr()).isZero();
        assertThat(byVariable.stdout()).contains("\"seen-by-the-cli\"");

        AwsCli.Result untrusted = AwsCli.run(Map.of(), "--endpoint-url", slipway.httpsEndpoint(),
                "deploy", "list-applications");
        assertThat(untrusted.exitCode()).isNotZero();
        assertThat(untrusted.stderr()).contains("CERTIFICATE_VERIFY_FAILED");
    }

    /** {@code slipway agent --endpoint https://... --ca-bundle PEM}: commands, the bundle from S3 and the reports, all over TLS. */
    @Test
    void slipwaysHostAgentRunsAServerDeploymentOverHttps(@TempDir Path work) {
        String user = "arn:aws:iam::000000000000:user/tls-host";
        CodeDeployClient cd = slipway.codeDeploy();
        slipway.s3().createBucket(r -> r.bucket("tls-bundles"));
        slipway.s3().putObject(r -> r.bucket("tls-bundles").key("site.zip"), RequestBody.fromBytes(Zips.of(Map.of(
                "appspec.yml", "version: 0.0\nos: linux\nfiles:\n  - source: /site\n    destination: /var/www/site\n",
                "site/index.html", "<h1>over tls</h1>\n"))));
        cd.registerOnPremisesInstance(r -> r.instanceName("tls-host").iamUserArn(user));
        cd.addTagsToOnPremisesInstances(r -> r.instanceNames("tls-host").tags(Tag.builder().key("Host").value("tls-host").build()));
        cd.createApplication(r -> r.applicationName("tls-site").computePlatform(ComputePlatform.SERVER));
        cd.createDeploymentGroup(r -> r.applicationName("tls-site").deploymentGroupName("hosts")
                .serviceRoleArn("arn:aws:iam::000000000000:role/cd").onPremisesInstanceTagFilters(TagFilter.builder()
                        .key("Host").value("tls-host").type(TagFilterType.KEY_AND_VALUE).build()));
        AgentSettings settings = AgentSettings.of(URI.create(atLocalhost(slipway.httpsEndpoint())), user, work)
                .withCaBundle(Optional.of(slipway.tlsCertificate())).withRetryDelays(Duration.ofMillis(100), Duration.ofSeconds(1));
        try (HostAgent agent = new HostAgent(settings).start()) {
            String id = cd.createDeployment(r -> r.applicationName("tls-site").deploymentGroupName("hosts")
                    .revision(v -> v.revisionType(RevisionLocationType.S3).s3Location(l -> l.bucket("tls-bundles")
                            .key("site.zip").bundleType(BundleType.ZIP)))).deploymentId();
            cd.waiter().waitUntilDeploymentSuccessful(r -> r.deploymentId(id));
            assertThat(work.resolve("var/www/site/index.html")).content().contains("<h1>over tls</h1>");
            assertThat(agent.commandsCompleted()).isGreaterThanOrEqualTo(2);
        }
    }

    /**
     * Ruby's Net::HTTP with OpenSSL, as the CodeDeploy agent connects: peer and host name verified
     * against a CA file, by IP address and by name; without the file it refuses the certificate.
     */
    @Test
    void rubysNetHttpAsTheCodeDeployAgentUsesItVerifiesSlipway() throws Exception {
        requireCommand("ruby");
        String script = """
                require 'net/http'
                require 'openssl'
                uri = URI(ARGV[0])
                http = Net::HTTP.new(uri.host, uri.port)
                http.use_ssl = true
                http.verify_mode = OpenSSL::SSL::VERIFY_PEER
                http.ca_file = ARGV[1] if ARGV[1]
                http.open_timeout = 10
                http.read_timeout = 10
                http.start { |h| puts "#{h.get('/_slipway/health').code} #{h.peer_cert.subject}" }
                """;
        String pem = slipway.tlsCertificate().toString();
        for (String endpoint : List.of(slipway.httpsEndpoint(), atLocalhost(slipway.httpsEndpoint()))) {
            Run verified = run("ruby", "-e", script, endpoint, pem);
            assertThat(verified.exitCode()).as(verified.output()).isZero();
            assertThat(verified.output()).startsWith("200 ").contains("CN=Slipway");
        }
        Run unverified = run("ruby", "-e", script, slipway.httpsEndpoint());
        assertThat(unverified.exitCode()).isNotZero();
        assertThat(unverified.output()).contains("certificate verify failed");
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), output);
    }

    /** Skips where the command is missing on a developer's machine; CI=true requires it (scripts/services.sh installs it). */
    private static void requireCommand(String command) {
        boolean present;
        try {
            present = new ProcessBuilder(command, "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (java.io.IOException e) {
            present = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(command + " is not installed, and CI=true requires it");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(present, command + " is not installed");
    }
}
