//SOURCES ../../dependencies.java
//SOURCES *.java
/**
 * What kind of failure stopped a command, and the one exception type that carries it.
 *
 * <p>May use: the JDK only. Every other package raises {@link trading.failure.ToolkitException};
 * only {@code trading.cli} turns its {@link trading.failure.FailureKind} into an exit code.
 */
package trading.failure;
