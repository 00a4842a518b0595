package trading.migrate;

import java.util.function.Consumer;

/**
 * How a restore may proceed.
 *
 * @param dropExtra also drop what the backup does not contain (tables made by hand, and
 *                  objects in other schemas that depend on the restored schema); without it
 *                  the restore refuses and lists them
 * @param notices   receives what a person should know before and while the restore runs,
 *                  such as that it cannot be one transaction
 */
public record RestoreOptions(boolean dropExtra, Consumer<String> notices) {
    /** Refuses to drop anything the backup does not contain, and tells nobody. */
    public static final RestoreOptions SAFE = new RestoreOptions(false, notice -> { });
}
