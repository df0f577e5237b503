package prestage.core.msi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@code msiexec} command line for the client package. {@link #toString()} is what an admin pastes
 * into cmd.exe; {@link #arguments()} is what a process builder gets.
 */
public record MsiCommand(String packagePath, Map<String, String> properties, boolean quiet, String log) {

    public MsiCommand {
        properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    }

    public List<String> arguments() {
        var args = new ArrayList<String>();
        args.add("msiexec");
        args.add("/i");
        args.add(packagePath);
        properties.forEach((k, v) -> args.add(k + "=" + v));
        if (quiet) args.add("/quiet");
        if (log != null) {
            args.add("/log");
            args.add(log);
        }
        return args;
    }

    @Override
    public String toString() {
        var sb = new StringBuilder("msiexec /i ").append(quote(packagePath));
        properties.forEach((k, v) -> sb.append(' ').append(k).append('=').append(quoteValue(v)));
        if (quiet) sb.append(" /quiet");
        if (log != null) sb.append(" /log ").append(quote(log));
        return sb.toString();
    }

    /**
     * The command a network client runs: this one (whose package path is the copy's path on the client), quiet, its
     * log verbose ({@code /l*v}) at {@code clientLog}. Built by {@link #toString()}, so it is quoted and checked alike.
     */
    public String withVerboseLog(String clientLog) {
        CmdText.requireSafe("msi: the log '" + clientLog + "'", clientLog);
        return new MsiCommand(packagePath, properties, true, null) + " /l*v " + quote(clientLog);
    }

    /**
     * msiexec reads {@code PROP="a ""b"""}: quotes inside a quoted value are doubled. A value with a character cmd
     * treats specially ({@code & | < > ^ ( )}) is quoted too, or cmd would act on it when the command is pasted.
     */
    public static String quoteValue(String v) {
        if (!v.isEmpty() && v.chars().noneMatch(c -> " \"\t;&|<>^(),".indexOf(c) >= 0)) return v;
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    static String quote(String path) {
        return '"' + path.replace("\"", "\"\"") + '"';
    }
}
