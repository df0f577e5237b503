package prestage.shell.run;

/**
 * The root command of a console: the options the console was started with, which every command typed in it takes
 * where the command itself does not say.
 */
public interface ConsoleDefaults {
    /** Null outside a console. */
    GlobalOptions consoleDefaults();
}
