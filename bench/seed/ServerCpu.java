import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU seconds a whole PostgreSQL cluster has used, read from /proc: the postmaster's own
 * and its reaped children's time, plus the time of the children still running. Unlike
 * wall time, it hardly moves when other work competes for the machine's two cores, so it
 * shows whether a loader makes the server work harder or only wait longer.
 */
final class ServerCpu {
    private static final double TICKS_PER_SECOND = 100.0;
    private final long postmaster;

    private ServerCpu(long postmaster) {
        this.postmaster = postmaster;
    }

    /** The cluster that runs backend {@code backendPid}. */
    static ServerCpu ofBackend(long backendPid) throws IOException {
        return new ServerCpu(Long.parseLong(fields(backendPid)[1]));
    }

    double seconds() throws IOException {
        String[] pm = fields(postmaster);
        long ticks = Long.parseLong(pm[11]) + Long.parseLong(pm[12]) + Long.parseLong(pm[13]) + Long.parseLong(pm[14]);
        for (long child : children()) {
            try {
                String[] f = fields(child);
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException gone) {
                // It exited between listing and reading; the postmaster has or will count it.
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** Waits until the cluster has only {@code count} child processes, so an exited backend's time is counted. */
    void awaitChildren(int count) throws IOException, InterruptedException {
        for (int i = 0; i < 100 && children().size() > count; i++) {
            Thread.sleep(50);
        }
    }

    int childCount() throws IOException {
        return children().size();
    }

    private List<Long> children() throws IOException {
        return ProcessHandle.of(postmaster).orElseThrow(() -> new IOException("postmaster " + postmaster + " is gone"))
                .children().map(ProcessHandle::pid).toList();
    }

    /** The fields of /proc/PID/stat after the command name: [0] is the state, [1] the parent, [11..14] the times. */
    private static String[] fields(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}
