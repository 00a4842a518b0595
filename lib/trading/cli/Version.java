package trading.cli;

import picocli.CommandLine.IVersionProvider;

/** What {@code --version} prints for every script. */
public final class Version implements IVersionProvider {
    public static final String TOOLKIT = "0.1.0";

    @Override
    public String[] getVersion() {
        return new String[] {
            "trading-db " + TOOLKIT,
            "Java ${java.version} (${java.vendor}), ${os.name} ${os.arch}"
        };
    }
}
