package prestage.dsl;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovySystem;
import groovy.lang.Script;
import groovy.transform.ThreadInterrupt;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.tools.GroovyClass;

/**
 * Compiles recipes with the one configuration every face shares, and keeps the bytecode by content hash
 * so an unchanged recipe starts without loading the Groovy compiler at all.
 */
public final class RecipeCompiler {
    private static final String MAIN_MARKER = "main";
    private static final String FACTS = "facts.ser";
    /** Bumped when what a cache entry holds changes, so older entries are compiled again. */
    private static final String CACHE_FORMAT = "2";
    private final Path cacheDir;

    /** @param cacheDir where compiled recipes are kept; null compiles every time */
    public RecipeCompiler(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** Script base class, default imports, and loops that stop when the thread is interrupted (Ctrl-C). */
    public static CompilerConfiguration configuration() {
        var config = new CompilerConfiguration();
        config.setScriptBaseClass(PrestageScript.class.getName());
        config.setSourceEncoding("UTF-8");
        var imports = new ImportCustomizer();
        imports.addImports("prestage.core.profile.Profile", "prestage.core.outcome.Status", "prestage.core.outcome.Step");
        config.addCompilationCustomizers(imports, new ASTTransformationCustomizer(ThreadInterrupt.class), new DownloadRefusal());
        config.setDisabledGlobalASTTransformations(java.util.Set.of(DownloadRefusal.GRAB_TRANSFORM));
        return config;
    }

    /** A compiled recipe: the script class and what its syntax tree says about it. */
    public record Compiled(Class<? extends Script> type, RecipeFacts facts) {
    }

    public Class<? extends Script> compile(String fileName, String text) {
        return compileRecipe(fileName, text).type();
    }

    public Compiled compileRecipe(String fileName, String text) {
        String key = cacheKey(fileName, text);
        if (cacheDir != null) {
            var cached = loadCached(cacheDir.resolve(key));
            if (cached != null) return cached;
        }
        var collector = new FactsCollector(fileName, text);
        Map<String, byte[]> classes = compileToBytes(fileName, text, collector);
        String main = mainClassOf(classes);
        if (cacheDir != null) store(cacheDir.resolve(key), classes, main, collector.facts());
        return new Compiled(define(classes, main), collector.facts());
    }

    private Map<String, byte[]> compileToBytes(String fileName, String text, FactsCollector collector) {
        var config = configuration();
        config.addCompilationCustomizers(collector);
        try (var loader = new GroovyClassLoader(PrestageScript.class.getClassLoader(), config)) {
            var unit = new CompilationUnit(config, null, loader);
            unit.addSource(fileName, text);
            unit.compile(Phases.CLASS_GENERATION);
            var out = new LinkedHashMap<String, byte[]>();
            for (GroovyClass c : unit.getClasses()) out.put(c.getName(), c.getBytes());
            return out;
        } catch (MultipleCompilationErrorsException e) {
            throw compileError(fileName, e);
        } catch (CompilationFailedException e) {
            throw new RecipeException(fileName, 0, e.getMessage().lines().findFirst().orElse("does not compile"), true, e);
        } catch (IOException e) {
            throw new RecipeException(fileName, 0, "cannot compile: " + e.getMessage(), true, e);
        }
    }

    static RecipeException compileError(String fileName, MultipleCompilationErrorsException e) {
        var collector = e.getErrorCollector();
        if (collector.getErrorCount() > 0) {
            var first = collector.getError(0);
            if (first instanceof SyntaxErrorMessage syntax) {
                var cause = syntax.getCause();
                String message = cause.getOriginalMessage().lines().findFirst().orElse("syntax error");
                return new RecipeException(fileName, cause.getLine(), message, true, e);
            }
            if (first instanceof ExceptionMessage ex) {
                return new RecipeException(fileName, 0, String.valueOf(ex.getCause().getMessage()), true, e);
            }
        }
        return new RecipeException(fileName, 0, e.getMessage().lines().skip(1).findFirst().orElse("does not compile"), true, e);
    }

    /** The script class is the one top-level class that extends Script; closures are nested classes. */
    private static String mainClassOf(Map<String, byte[]> classes) {
        var probe = new ByteLoader(classes);
        try {
            for (String name : classes.keySet()) {
                if (name.contains("$")) continue;
                if (Script.class.isAssignableFrom(probe.loadClass(name))) return name;
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("compiled recipe cannot be loaded", e);
        }
        throw new IllegalStateException("compiled recipe has no script class");
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Script> define(Map<String, byte[]> classes, String main) {
        try {
            return (Class<? extends Script>) new ByteLoader(classes).loadClass(main);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("compiled recipe lost its class " + main, e);
        }
    }

    private static Compiled loadCached(Path dir) {
        Path marker = dir.resolve(MAIN_MARKER);
        if (!Files.isRegularFile(marker) || !Files.isRegularFile(dir.resolve(FACTS))) return null;
        try (Stream<Path> files = Files.list(dir)) {
            String main = Files.readString(marker).trim();
            var classes = new LinkedHashMap<String, byte[]>();
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                if (n.endsWith(".class")) classes.put(n.substring(0, n.length() - 6), Files.readAllBytes(f));
            }
            if (!classes.containsKey(main)) return null;
            RecipeFacts facts;
            try (var in = new ObjectInputStream(Files.newInputStream(dir.resolve(FACTS)))) {
                facts = (RecipeFacts) in.readObject();
            }
            return new Compiled(define(classes, main), facts);
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            return null; // a damaged cache entry is compiled again
        }
    }

    /** Written aside and renamed into place, so a reader never sees half an entry. */
    private static void store(Path dir, Map<String, byte[]> classes, String main, RecipeFacts facts) {
        try {
            Files.createDirectories(dir.getParent());
            Path tmp = Files.createTempDirectory(dir.getParent(), ".tmp-");
            for (var e : classes.entrySet()) Files.write(tmp.resolve(e.getKey() + ".class"), e.getValue());
            try (var out = new ObjectOutputStream(Files.newOutputStream(tmp.resolve(FACTS)))) {
                out.writeObject(facts);
            }
            Files.writeString(tmp.resolve(MAIN_MARKER), main);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | java.nio.file.FileAlreadyExistsException e) {
                deleteTree(tmp);
            } catch (IOException e) {
                deleteTree(tmp);
            }
        } catch (IOException e) {
            // the cache only saves time; running the recipe matters more
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static String cacheKey(String fileName, String text) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            sha.update((CACHE_FORMAT + "\0" + GroovySystem.getVersion() + "\0" + RecipeCompiler.class.getPackage().getImplementationVersion()
                    + "\0" + PrestageScript.class.getName() + "\0" + fileName + "\0").getBytes(StandardCharsets.UTF_8));
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Defines a recipe's classes from bytes; its parent sees the verbs and Groovy. */
    private static final class ByteLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        ByteLoader(Map<String, byte[]> classes) {
            super(PrestageScript.class.getClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) throw new ClassNotFoundException(name);
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
