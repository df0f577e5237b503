package prestage.shell.run;

import java.nio.file.Path;

import prestage.dsl.RecipeCompiler;

/** Where compiled recipes are kept: $PRESTAGE_CACHE, else $XDG_CACHE_HOME/prestage, else ~/.cache/prestage. */
public final class RecipeCache {
    private RecipeCache() {
    }

    public static Path dir() {
        String explicit = System.getenv("PRESTAGE_CACHE");
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("prestage");
    }

    public static RecipeCompiler compiler() {
        return new RecipeCompiler(dir().resolve("recipes"));
    }
}
