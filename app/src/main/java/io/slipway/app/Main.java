package io.slipway.app;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code slipway}: the command line. */
public final class Main {
    private static final String USAGE = """
            Usage: slipway server [OPTIONS]   serve the AWS APIs on one port until stopped
                   slipway hook-executions [--endpoint URL] [--access-key KEY] [--region R]
                                            list CodeDeploy lifecycle hooks waiting for a report
                   slipway agent --endpoint URL --host-identifier ID --root DIR [--simulate N] [--once]
                                            play the CodeDeploy agent on this host (see 'slipway agent --help')
                   slipway --help | --version

            A local AWS deployment control plane: CodeDeploy, CodePipeline and CloudFormation that run.

            Options of 'slipway server' (each also set by its environment variable):
            """;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args));
    }

    static int run(String[] args) throws InterruptedException {
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        String command = args.length == 0 ? "--help" : args[0];
        switch (command) {
            case "-h", "--help", "help" -> {
                System.out.print(USAGE + ServerOptions.help());
                return 0;
            }
            case "-V", "--version" -> {
                System.out.println("slipway " + Version.get());
                return 0;
            }
            case "server" -> {
                if (wantsHelp(rest)) {
                    System.out.print("Usage: slipway server [OPTIONS]\n\n" + ServerOptions.help());
                    return 0;
                }
                try {
                    return serve(ServerOptions.parse(rest, System.getenv()));
                } catch (ServerOptions.UsageException e) {
                    System.err.println("slipway server: " + e.getMessage() + "\nSee 'slipway server --help'.");
                    return 2;
                }
            }
            case "hook-executions" -> {
                if (wantsHelp(rest)) {
                    System.out.print(HookExecutionsCommand.USAGE);
                    return 0;
                }
                return HookExecutionsCommand.run(rest);
            }
            case "agent" -> {
                return io.slipway.agent.AgentCommand.run(rest);
            }
            case "aot-training" -> {
                return AotTraining.run();
            }
            default -> {
                System.err.println("slipway: unknown command '" + command + "'\n\n" + USAGE + ServerOptions.help());
                return 2;
            }
        }
    }

    /** Every command answers --help (and -h) with its usage, wherever among its arguments it comes. */
    private static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    private static int serve(SlipwayConfig config) throws InterruptedException {
        Slipway slipway = Slipway.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            slipway.close();
            stopped.countDown();
        }));
        System.out.println("Slipway " + Version.get() + " listening on http://" + config.host() + ":" + slipway.port()
                + " (store: " + (config.databaseUrl().isPresent() ? "postgresql"
                : config.ephemeral() ? "memory" : config.dataDir().orElseThrow()) + ")");
        slipway.tlsLine(config.host()).ifPresent(System.out::println);
        System.out.flush();
        stopped.await();
        return 0;
    }
}
