import io.slipway.core.identity.AccountResolver;
import io.slipway.core.identity.IssuedKeys;
import io.slipway.core.identity.SigV4;
import io.slipway.core.identity.SignatureCheck;
import io.slipway.core.identity.SignedRequest;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verification mode's check alone, on one thread: a signed GetApplication taken as SignatureGate
 * takes it (headers copied, body hashed) and checked as SignatureCheck checks it, over and over.
 * Prints the CPU time and the bytes allocated per verification of the last of five rounds: CPU
 * time, not wall time, so that other load on the machine counts for little.
 *
 * <p>{@code java -cp 'app/target/lib/*' bench/SignatureVerifications.java [VERIFICATIONS_PER_ROUND]}
 */
public class SignatureVerifications {
    public static void main(String[] args) {
        AccountResolver accounts = new AccountResolver(Map.of("AKIDBENCH", "000000000000"),
                Map.of("AKIDBENCH", "bench-secret"), IssuedKeys.NONE);
        SignatureCheck check = new SignatureCheck(accounts::signingKey);
        Instant now = Instant.now();
        String date = now.toString().replaceAll("[-:]|\\.\\d+", "");
        byte[] body = "{\"applicationName\":\"bench-07\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "127.0.0.1:4599");
        headers.put("content-type", "application/x-amz-json-1.1");
        headers.put("x-amz-target", "CodeDeploy_20141006.GetApplication");
        headers.put("x-amz-date", date);
        headers.put("content-length", String.valueOf(body.length));
        headers.put("user-agent", "wrk");
        String authorization = "AWS4-HMAC-SHA256 Credential=AKIDBENCH/" + date.substring(0, 8)
                + "/us-east-1/codedeploy/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=";
        headers.put("authorization", authorization + "0".repeat(64));
        // the signature the request needs, from the verifier's own reading of it
        SigV4 sigV4 = new SigV4(key -> Optional.of("bench-secret"));
        SigV4.Claim claim = (SigV4.Claim) sigV4.read(asReceived(headers, body));
        headers.put("authorization", authorization + HexFormat.of().formatHex(sigV4.signature(claim, "bench-secret")));
        if (!(check.check(asReceived(headers, body), now, service -> true) instanceof SignatureCheck.Accepted)) {
            throw new IllegalStateException("the request does not verify");
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double cpu = 0;
        long allocated = 0;
        for (int round = 0; round < 5; round++) { // the first rounds let the JIT compile it all
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            int accepted = 0;
            for (int i = 0; i < n; i++) {
                if (check.check(asReceived(headers, body), now, service -> true) instanceof SignatureCheck.Accepted) {
                    accepted++;
                }
            }
            if (accepted != n) {
                throw new IllegalStateException(accepted + " of " + n + " verified");
            }
            cpu = (double) (threads.getCurrentThreadCpuTime() - cpuBefore) / n;
            allocated = (threads.getCurrentThreadAllocatedBytes() - allocatedBefore) / n;
        }
        System.out.printf("%.0f %d%n", cpu, allocated);
    }

    /** The request as SignatureGate hands it to the check. */
    static SignedRequest asReceived(Map<String, String> headers, byte[] body) {
        List<SignedRequest.Header> list = new ArrayList<>(headers.size());
        headers.forEach((name, value) -> list.add(new SignedRequest.Header(name, value)));
        return SignedRequest.withBody("POST", "/", "", list, body);
    }
}
