package trading.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import trading.cli.ExitCode;
import trading.failure.ToolkitException;

/**
 * Runs a picocli command the same way for every script: the documented exit codes in
 * --help, errors as one clear message instead of a stack trace (unless --verbose), and
 * any password scrubbed from what is printed.
 */
public final class Cli {
    private Cli() {}

    public static int execute(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        Map<String, String> exitCodes = new LinkedHashMap<>();
        for (ExitCode code : ExitCode.values()) {
            exitCodes.put(String.format("%3d", code.code()), code.meaning());
        }
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(commandLine, e));
        cli.setParameterExceptionHandler(Cli::reportUsage);
        try {
            return cli.execute(args);
        } finally {
            SignalGuard.outcomePrinted();
        }
    }

    private static int report(CommandLine commandLine, Exception e) {
        PrintWriter err = commandLine.getErr();
        boolean verbose = GlobalOptions.verbose(commandLine);
        if (e instanceof ToolkitException te) {
            err.println("error: " + Secrets.scrub(te.getMessage()));
            if (verbose && te.getCause() != null) {
                printStackTrace(te.getCause(), err);
            }
            err.flush();
            return ExitCode.of(te.kind()).code();
        }
        err.println("error: unexpected " + e.getClass().getSimpleName() + ": " + Secrets.scrub(e.getMessage()));
        if (verbose) {
            printStackTrace(e, err);
        } else {
            err.println("Run again with --verbose to see the stack trace, and please report it.");
        }
        err.flush();
        return ExitCode.MIGRATION_FAILED.code();
    }

    /** A stack trace quotes exception messages, which may quote a URL: scrub it like any message. */
    private static void printStackTrace(Throwable e, PrintWriter err) {
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        err.print(Secrets.scrub(trace.toString()));
    }

    private static int reportUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("error: " + Secrets.scrub(e.getMessage()));
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the options and examples.");
        err.flush();
        return ExitCode.USAGE.code();
    }
}
